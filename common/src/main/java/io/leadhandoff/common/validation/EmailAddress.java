package io.leadhandoff.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * An email address of at most 320 characters once normalised (trimmed, lower-cased: some
 * characters grow when lower-cased, e.g. U+0130). Checked in linear time, length first: a long
 * hostile value costs no more than a short one.
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

        /** Normalised form: trimmed, lower case (the identity of a lead). */
        public static String normalise(String email) {
            return email.strip().toLowerCase(Locale.ROOT);
        }

        static boolean valid(String value) {
            if (value.length() > 2 * MAX_LENGTH) {
                return false;
            }
            String email = normalise(value);
            if (email.length() > MAX_LENGTH) {
                return false;
            }
            int at = email.indexOf('@');
            if (at <= 0 || at != email.lastIndexOf('@')) {
                return false;
            }
            String domain = email.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            if (dot <= 0 || dot == domain.length() - 1) {
                return false;
            }
            for (int i = 0; i < email.length(); i++) {
                if (Character.isWhitespace(email.charAt(i)) || Character.isISOControl(email.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
