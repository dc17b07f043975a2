package io.leadhandoff.common.validation;

import java.util.Locale;

/**
 * The one normal form of identifying text (emails, domains): surrounding white space stripped,
 * lower case. Validators check lengths on this form, and services store this form, so a value that
 * passed validation always fits its column (some characters grow when lower-cased, e.g. U+0130).
 */
public final class Normalised {

    private Normalised() {
    }

    public static String of(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The normal form if it has at most {@code maxLength} characters and no white space or control
     * character inside, else null. Linear, and the raw length is bounded first, so a long hostile
     * value costs no more than a short one.
     */
    static String fitting(String value, int maxLength) {
        if (value.length() > 2 * maxLength) {
            return null;
        }
        String normal = of(value);
        if (normal.isEmpty() || normal.length() > maxLength) {
            return null;
        }
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return null;
            }
        }
        return normal;
    }
}
