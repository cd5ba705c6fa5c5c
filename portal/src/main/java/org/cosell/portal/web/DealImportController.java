package org.cosell.portal.web;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiProblem;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.ImportResult;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Deals from a CSV file ({@code POST /api/deals/import}): the file goes to the API as it is, and
 * the page shows what became of every row, each refused row with its mistakes by column. A file the
 * API would refuse for its size (above {@value #MAX_ROWS} rows or {@link #MAX_SIZE}) is said next
 * to the file field, and so is one that is empty or missing.
 */
@Controller
@RequestMapping("/deals/import")
class DealImportController {

    static final DataSize MAX_SIZE = DataSize.ofMegabytes(1);

    static final int MAX_ROWS = 1000;

    private final CosellApi api;

    private final ApiFieldMessages apiMessages;

    DealImportController(CosellApi api, ApiFieldMessages apiMessages) {
        this.api = api;
        this.apiMessages = apiMessages;
    }

    @GetMapping
    String form() {
        return "import";
    }

    @PostMapping
    String upload(@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return refused("import.file.missing", null, model, response);
        }
        if (file.getSize() > MAX_SIZE.toBytes()) {
            return refused("import.file.tooLarge", null, model, response);
        }
        ImportResult result;
        try {
            result = api.importDeals(file.getBytes());
        }
        catch (ApiException e) {
            return switch (e.status()) {
                case 413 -> refused("import.file.tooLarge", null, model, response);
                case 415 -> refused("import.file.notCsv", null, model, response);
                case 400 -> refused("import.file.refused", problemText(e.problem()), model, response);
                default -> throw e;
            };
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        model.addAttribute("result", result);
        model.addAttribute("rows", result.rows().stream().map(this::row).toList());
        return "import";
    }

    private String refused(String message, String detail, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("fileError", message);
        model.addAttribute("fileErrorDetail", detail);
        return "import";
    }

    /** A file refused whole (a header the API does not know, say): what it said, in the page's language where known. */
    private String problemText(ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            return problem.detail();
        }
        return String.join(" ", problem.errors().stream()
                .map(error -> (error.field() == null ? "" : error.field() + ": ") + apiMessages.translate(error.message()))
                .toList());
    }

    private ShownRow row(ImportResult.Row row) {
        return new ShownRow(row.row(), row.id(), row.errors().stream()
                .map(error -> new ShownError(Objects.requireNonNullElse(error.field(), ""),
                        String.valueOf(apiMessages.translate(error.message()))))
                .toList());
    }

    /** One row of the file as the result table shows it: the deal it made, or its mistakes. */
    record ShownRow(long row, String id, List<ShownError> errors) {

        public boolean isImported() {
            return id != null && errors.isEmpty();
        }
    }

    record ShownError(String column, String message) {
    }
}
