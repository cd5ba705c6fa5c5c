package org.cosell.deal.opportunity.web;

import jakarta.validation.ConstraintViolation;
import org.apache.commons.csv.CSVRecord;
import org.cosell.contracts.Limits;
import org.cosell.deal.opportunity.web.DealRequests.AddressBody;
import org.cosell.deal.opportunity.web.DealRequests.ContactBody;
import org.cosell.deal.opportunity.web.DealRequests.CustomerBody;
import org.cosell.deal.opportunity.web.DealRequests.EmployeeBody;
import org.cosell.deal.opportunity.web.DealRequests.MoneyBody;
import org.cosell.deal.opportunity.web.DealRequests.SolutionBody;
import org.cosell.support.web.Problems;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One row of an imported CSV file read as the {@link CreateDealRequest} of {@code POST /api/deals}
 * (docs/api.md lists the columns), so a row is checked by the same constraints and rules as that
 * call. A cell that cannot be read as its type (a decimal, a date, true or false) is an error of its
 * column; every error, of either kind, names the column it comes from.
 * <p>
 * A deal's employees and solutions are numbered groups of columns ({@code employee1Name},
 * {@code employee1Phone}, {@code employee1Email}, {@code employee2Name}, …): every value stays in a
 * cell of its own, whatever characters it holds. A group whose cells are all empty is no entry.
 */
final class DealCsvRow {

    static final List<String> DEAL_COLUMNS = List.of("crmId", "name", "estimatedValue", "currency",
            "estimatedCloseDate", "notes", "campaignId", "customerName", "customerDunsNumber", "customerStreet",
            "customerCity", "customerRegion", "customerPostalCode", "customerCountry", "customerContactName",
            "customerContactPhone", "customerContactEmail", "customerConsentToShareContact");
    static final List<String> EMPLOYEE_PARTS = List.of("Name", "Phone", "Email");
    static final List<String> SOLUTION_PARTS = List.of("Id", "Name", "Type");

    /** As for JSON bodies: a longer number is no amount, and parsing one costs time that grows with its square. */
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final Pattern GROUP_COLUMN = Pattern.compile("(employee|solution)([1-9][0-9]*)(\\w+)");
    private static final Pattern GROUP_PATH = Pattern.compile("(employees|solutions)\\[(\\d+)](?:\\.(\\w+))?");

    private final CSVRecord record;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final List<Integer> employeeNumbers = new ArrayList<>();
    private final List<Integer> solutionNumbers = new ArrayList<>();
    private final CreateDealRequest request;

    private DealCsvRow(CSVRecord record, int employeeGroups, int solutionGroups) {
        this.record = record;
        List<EmployeeBody> employees = new ArrayList<>();
        for (int number = 1; number <= employeeGroups; number++) {
            String name = cell("employee" + number + "Name");
            String phone = cell("employee" + number + "Phone");
            String email = cell("employee" + number + "Email");
            if (name != null || phone != null || email != null) {
                employees.add(new EmployeeBody(name, phone, email));
                employeeNumbers.add(number);
            }
        }
        List<SolutionBody> solutions = new ArrayList<>();
        for (int number = 1; number <= solutionGroups; number++) {
            String id = cell("solution" + number + "Id");
            String name = cell("solution" + number + "Name");
            String type = cell("solution" + number + "Type");
            if (id != null || name != null || type != null) {
                solutions.add(new SolutionBody(id, name, type == null ? null : type.toUpperCase(Locale.ROOT)));
                solutionNumbers.add(number);
            }
        }
        String contactName = cell("customerContactName");
        String contactPhone = cell("customerContactPhone");
        String contactEmail = cell("customerContactEmail");
        ContactBody contact = contactName == null && contactPhone == null && contactEmail == null
                ? null : new ContactBody(contactName, contactPhone, contactEmail);
        CustomerBody customer = new CustomerBody(cell("customerName"), cell("customerDunsNumber"),
                new AddressBody(cell("customerStreet"), cell("customerCity"), cell("customerRegion"),
                        cell("customerPostalCode"), cell("customerCountry")),
                contact, bool("customerConsentToShareContact"));
        this.request = new CreateDealRequest(cell("name"), new MoneyBody(decimal("estimatedValue"), cell("currency")),
                date("estimatedCloseDate"), cell("notes"), cell("crmId"), cell("campaignId"), customer, employees,
                solutions, null);
    }

    /**
     * The columns a file's header may name: {@link #DEAL_COLUMNS} and numbered employee and solution
     * groups up to their limits. Answers the header's names that are none of them.
     */
    static List<String> unknownColumns(List<String> header) {
        return header.stream().filter(column -> !isKnown(column)).toList();
    }

    private static boolean isKnown(String column) {
        if (DEAL_COLUMNS.contains(column)) {
            return true;
        }
        Matcher group = GROUP_COLUMN.matcher(column);
        if (!group.matches()) {
            return false;
        }
        boolean employee = group.group(1).equals("employee");
        int number = Integer.parseInt(group.group(2));
        return employee ? number <= Limits.EMPLOYEES && EMPLOYEE_PARTS.contains(group.group(3))
                : number <= Limits.SOLUTIONS && SOLUTION_PARTS.contains(group.group(3));
    }

    /** The highest group number the header names of {@code prefix} ({@code employee}, {@code solution}). */
    static int groups(List<String> header, String prefix) {
        return header.stream().map(GROUP_COLUMN::matcher).filter(Matcher::matches)
                .filter(group -> group.group(1).equals(prefix))
                .mapToInt(group -> Integer.parseInt(group.group(2))).max().orElse(0);
    }

    static DealCsvRow read(CSVRecord record, int employeeGroups, int solutionGroups) {
        return new DealCsvRow(record, employeeGroups, solutionGroups);
    }

    CreateDealRequest request() {
        return request;
    }

    /**
     * The errors of the row: cells that could not be read, then the request's constraint violations
     * on other columns, each named by its column.
     */
    List<Problems.FieldError> errors(Set<ConstraintViolation<CreateDealRequest>> violations) {
        Map<String, String> all = new LinkedHashMap<>(errors);
        for (ConstraintViolation<CreateDealRequest> violation : violations) {
            all.putIfAbsent(column(violation.getPropertyPath().toString()), violation.getMessage());
        }
        if (request.crmId() == null) {
            all.putIfAbsent("crmId", "must not be blank: it identifies the deal on import");
        }
        return all.entrySet().stream().map(error -> new Problems.FieldError(error.getKey(), error.getValue()))
                .collect(Collectors.toList());
    }

    /**
     * The column a field of {@link CreateDealRequest} comes from: {@code customer.address.country}
     * is {@code customerCountry}, {@code employees[0].email} the first employee group's
     * {@code employee1Email}. A field of no one column ({@code employees}) keeps its name.
     */
    String column(String path) {
        Matcher group = GROUP_PATH.matcher(path);
        if (group.matches()) {
            boolean employee = group.group(1).equals("employees");
            List<Integer> numbers = employee ? employeeNumbers : solutionNumbers;
            int index = Integer.parseInt(group.group(2));
            int number = index < numbers.size() ? numbers.get(index) : index + 1;
            String part = group.group(3) == null ? "" : capitalized(group.group(3));
            return (employee ? "employee" : "solution") + number + part;
        }
        return switch (path) {
            case "estimatedValue.amount" -> "estimatedValue";
            case "estimatedValue.currency" -> "currency";
            default -> {
                String[] parts = path.replace(".address.", ".").split("\\.");
                StringBuilder column = new StringBuilder(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    column.append(capitalized(parts[i]));
                }
                yield column.toString();
            }
        };
    }

    private static String capitalized(String part) {
        return part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1);
    }

    /** The cell's text, stripped; {@code null} when the column is missing or the cell blank. */
    private String cell(String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private BigDecimal decimal(String column) {
        String value = cell(column);
        if (value != null && value.length() > MAX_NUMBER_LENGTH) {
            errors.put(column, "must be a decimal number such as 30000.00");
            return null;
        }
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            errors.put(column, "must be a decimal number such as 30000.00");
            return null;
        }
    }

    private LocalDate date(String column) {
        String value = cell(column);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            errors.put(column, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private Boolean bool(String column) {
        String value = cell(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.put(column, "must be true or false");
                yield null;
            }
        };
    }
}
