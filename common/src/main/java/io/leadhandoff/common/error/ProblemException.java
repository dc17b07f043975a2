package io.leadhandoff.common.error;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Thrown by services to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {

    private final Response.StatusType status;
    private final List<Problem.Violation> violations;

    public ProblemException(Response.StatusType status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(Response.StatusType status, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.violations = violations == null ? null : List.copyOf(violations);
    }

    /** 409: the request is valid but the resource's state forbids it (e.g. editing an active model). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Response.Status.CONFLICT, detail);
    }

    /** 413: a batch holds more than {@code max} items; the caller sends it in parts. */
    public static ProblemException batchTooLarge(String items, int max, int actual) {
        return new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "A batch holds at most " + max + " " + items
                + "; this one has " + actual + ": send it in parts");
    }

    /** 422: well-formed, but what it says cannot be accepted; each violation names where and why. */
    public static ProblemException unprocessable(String detail, List<Problem.Violation> violations) {
        return new ProblemException(UNPROCESSABLE, detail, violations);
    }

    private static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    public List<Problem.Violation> violations() {
        return violations;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, detail);
    }

    public Response.StatusType status() {
        return status;
    }
}
