package org.cosell.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date from 0001-01-01 to 9999-12-31; {@code null} is left to {@code @NotNull}. JSON and
 * {@code LocalDate} take years up to ±999,999,999, but a date is stored as a MongoDB date
 * (milliseconds since 1970 in a {@code long}, which overflows near year ±292,000,000: such a date
 * answered 500) and is sent on topics to systems that may read only four-digit years (ISO 8601
 * without its expanded year form). Every date a client or an upstream system sends is bounded by it.
 */
@Documented
@Constraint(validatedBy = FourDigitYear.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FourDigitYear {

    String message() default "must be a date from 0001-01-01 to 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FourDigitYear, LocalDate> {

        public static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
        public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

        public static boolean isValid(LocalDate date) {
            return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }
    }
}
