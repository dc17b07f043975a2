package io.leadhandoff.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An email address of at most 320 characters in its {@link Normalised} form, checked in linear
 * time, length first.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailAddress.Validator.class)
public @interface EmailAddress {

    int MAX_LENGTH = 320;

    String message() default "must be an email address of at most 320 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EmailAddress, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || valid(value);
        }

        public static boolean valid(String value) {
            String email = Normalised.fitting(value, MAX_LENGTH);
            if (email == null) {
                return false;
            }
            int at = email.indexOf('@');
            if (at <= 0 || at != email.lastIndexOf('@')) {
                return false;
            }
            String domain = email.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            return dot > 0 && dot < domain.length() - 1;
        }
    }
}
