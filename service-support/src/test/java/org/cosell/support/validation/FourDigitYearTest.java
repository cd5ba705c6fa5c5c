package org.cosell.support.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FourDigitYearTest {

    private final FourDigitYear.Validator validator = new FourDigitYear.Validator();

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01", "1970-01-01", "2027-06-30", "9999-12-31"})
    void acceptsFourDigitYears(String date) {
        assertThat(validator.isValid(LocalDate.parse(date), null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-12-31", "-0001-01-01", "+10000-01-01", "+999999999-12-31", "-999999999-01-01"})
    void refusesAnyOtherYear(String date) {
        assertThat(validator.isValid(LocalDate.parse(date), null)).isFalse();
    }

    @Test
    void leavesAMissingDateToNotNull() {
        assertThat(validator.isValid(null, null)).isTrue();
    }
}
