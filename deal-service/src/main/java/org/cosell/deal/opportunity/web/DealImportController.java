package org.cosell.deal.opportunity.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.security.Caller;
import org.cosell.support.web.InvalidFieldsException;
import org.cosell.support.web.Problems;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/deals/import}: a CSV file of deals, one a row (docs/api.md lists the columns),
 * each created as {@code POST /api/deals} creates one — the same constraints, rules and command,
 * its {@code deal-created} event through the outbox — and each on its own: a bad row is reported
 * and the others are still created. A row's {@code crmId} is its key within the partner, so
 * importing a file again creates nothing new.
 * <p>
 * The file is read whole before any row is created (at most 1 MB, enforced by the request body
 * limit of this path, and at most {@link #MAX_ROWS} rows): a file too large is refused with 413 and
 * creates nothing, as does a file that is not CSV or whose header names a column the import does
 * not know (400).
 */
@RestController
public class DealImportController {

    static final int MAX_ROWS = 1_000;

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setIgnoreEmptyLines(true)
            .get();

    private final OpportunityCommands commands;
    private final Validator validator;

    public DealImportController(OpportunityCommands commands, Validator validator) {
        this.commands = commands;
        this.validator = validator;
    }

    @PostMapping(path = "/api/deals/import", consumes = "text/csv")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "A CSV file (RFC 4180) with "
            + "a header row naming the columns of docs/api.md; at most 1,000 rows and 1 MB",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    ImportResult importDeals(Caller caller, HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        List<CSVRecord> records = new ArrayList<>();
        List<String> header;
        try (CSVParser parser = FORMAT.parse(new StringReader(body(request)))) {
            header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                if (records.size() == MAX_ROWS) {
                    throw new TooManyRows();
                }
                records.add(record);
            }
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException unreadable) {
            throw new MalformedCsv(unreadable.getMessage());
        }
        checkHeader(header);
        int employeeGroups = DealCsvRow.groups(header, "employee");
        int solutionGroups = DealCsvRow.groups(header, "solution");
        List<RowResult> rows = new ArrayList<>(records.size());
        int created = 0;
        int existing = 0;
        for (int index = 0; index < records.size(); index++) {
            RowResult result = importRow(caller, index + 1,
                    DealCsvRow.read(records.get(index), employeeGroups, solutionGroups));
            rows.add(result);
            if (result.id() != null) {
                if (result.created()) {
                    created++;
                } else {
                    existing++;
                }
            }
        }
        return new ImportResult(created, existing, rows.size() - created - existing, rows);
    }

    private RowResult importRow(Caller caller, int row, DealCsvRow csv) {
        CreateDealRequest request = csv.request();
        Set<ConstraintViolation<CreateDealRequest>> violations = validator.validate(request);
        List<Problems.FieldError> errors = csv.errors(violations);
        if (!errors.isEmpty()) {
            return RowResult.failed(row, errors);
        }
        try {
            OpportunityCommands.Created result = commands.createImported(caller.partnerId(), request.customerIdentity(),
                    request.terms(), caller.actor());
            return new RowResult(row, result.deal().id(), null, result.created());
        } catch (RuleViolation refused) {
            return RowResult.failed(row, List.of(new Problems.FieldError(csv.column(refused.field()),
                    refused.getMessage())));
        }
    }

    private static void checkHeader(List<String> header) {
        if (header.isEmpty()) {
            throw new MalformedCsv("The file has no header row");
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        DealCsvRow.unknownColumns(header).forEach(column ->
                errors.add(new Problems.FieldError(column, "is not a column of the import")));
        if (!header.contains("crmId")) {
            errors.add(new Problems.FieldError("crmId", "is a required column: it identifies each deal"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
    }

    /** The body as text in the charset its {@code Content-Type} names (UTF-8 if none), without a byte order mark. */
    private static String body(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
        String encoding = request.getCharacterEncoding();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            throw new HttpMediaTypeNotSupportedException("Unknown charset " + encoding);
        }
        String text = new String(request.getInputStream().readAllBytes(), charset);
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * @param rows one for each data row, in the file's order: {@code {row, id}} for a deal created or
     *             found by its {@code crmId}, {@code {row, errors}} for a row not imported
     */
    record ImportResult(int created, int existing, int failed, List<RowResult> rows) {
    }

    /** @param row the data row's number, 1 for the first row after the header */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RowResult(int row, UUID id, List<Problems.FieldError> errors,
                     @JsonIgnore boolean created) {

        static RowResult failed(int row, List<Problems.FieldError> errors) {
            return new RowResult(row, null, errors, false);
        }
    }

    /** More data rows than {@link #MAX_ROWS}. */
    static final class TooManyRows extends RuntimeException {

        TooManyRows() {
            super("An import takes at most " + MAX_ROWS + " rows; split the file");
        }
    }

    /** A body that is not a CSV file with a header row. */
    static final class MalformedCsv extends RuntimeException {

        MalformedCsv(String detail) {
            super("The body is not CSV with a header row: " + detail);
        }
    }
}
