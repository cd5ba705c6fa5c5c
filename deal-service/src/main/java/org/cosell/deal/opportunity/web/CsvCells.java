package org.cosell.deal.opportunity.web;

/**
 * What a cell of an exported CSV document may hold. A spreadsheet takes a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} (or a tab or carriage return before one) for a
 * formula and runs it when the file is opened, so text a partner or a referral's sender typed could
 * otherwise compute, fetch or link on the reader's machine. Such a cell is written with a leading
 * apostrophe, which spreadsheets show as text and do not run (OWASP's "CSV injection" advice).
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralised(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
