package org.cosell.deal.opportunity.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"})
    void prefixesACellASpreadsheetWouldTakeForAFormula(String cell) {
        assertThat(CsvCells.neutralised(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Contoso", "30000.00", "2027-06-30", " =1+1", "a=b", "'quoted"})
    void leavesEveryOtherCellAlone(String cell) {
        assertThat(CsvCells.neutralised(cell)).isEqualTo(cell);
    }
}
