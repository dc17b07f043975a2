package io.leadhandoff.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: where it is and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    /** A caller's value as an error message quotes it: at most 64 characters, so a huge input is not echoed back. */
    public static String echo(String value) {
        return value == null ? "null" : value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
