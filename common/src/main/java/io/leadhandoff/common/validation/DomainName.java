package io.leadhandoff.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A domain name of at most 255 characters in its {@link Normalised} form, no spaces, '@' or '/'; linear time. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DomainName.Validator.class)
public @interface DomainName {

    int MAX_LENGTH = 255;

    String message() default "must be a domain name of at most 255 characters, e.g. acme.example";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DomainName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String domain = Normalised.fitting(value, MAX_LENGTH);
            if (domain == null) {
                return false;
            }
            for (int i = 0; i < domain.length(); i++) {
                if (domain.charAt(i) == '@' || domain.charAt(i) == '/') {
                    return false;
                }
            }
            return true;
        }
    }
}
