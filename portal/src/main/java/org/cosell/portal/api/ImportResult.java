package org.cosell.portal.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code POST /api/deals/import} did with each row of a CSV file: a deal made (or one an
 * earlier import of the same row made), or the row's mistakes, each naming its column.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportResult(long created, long existing, long failed, List<Row> rows) {

    public ImportResult {
        rows = rows == null ? List.of() : rows;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(long row, String id, List<ApiProblem.FieldError> errors) {

        public Row {
            errors = errors == null ? List.of() : errors;
        }

        public boolean isImported() {
            return id != null && errors.isEmpty();
        }
    }
}
