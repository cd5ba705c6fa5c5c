package org.cosell.deal.opportunity.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A deal created with {@code microsoftHelp.requested} must be ready for Microsoft: a complete
 * customer contact the customer agreed to share. Reported on {@code customer.contact} and {@code
 * customer.consentToShareContact}, together with every other invalid field.
 */
@Documented
@Constraint(validatedBy = CosellReady.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface CosellReady {

    String message() default "is needed to ask Microsoft for help";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CosellReady, CreateDealRequest> {

        @Override
        public boolean isValid(CreateDealRequest request, ConstraintValidatorContext context) {
            if (request == null || request.microsoftHelp() == null || !request.microsoftHelp().isRequested()
                    || request.customer() == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            DealRequests.ContactBody contact = request.customer().contact();
            if (contact == null || !contact.isComplete()) {
                context.buildConstraintViolationWithTemplate(
                                "a contact with name, phone and e-mail is needed to ask Microsoft for help")
                        .addPropertyNode("customer").addPropertyNode("contact").addConstraintViolation();
                valid = false;
            }
            if (!request.customer().consents()) {
                context.buildConstraintViolationWithTemplate("must be true to ask Microsoft for help")
                        .addPropertyNode("customer").addPropertyNode("consentToShareContact").addConstraintViolation();
                valid = false;
            }
            return valid;
        }
    }
}
