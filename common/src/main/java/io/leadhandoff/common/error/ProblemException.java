package io.leadhandoff.common.error;

import jakarta.ws.rs.core.Response;

/** Thrown by services to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {

    private final Response.StatusType status;

    public ProblemException(Response.StatusType status, String detail) {
        super(detail);
        this.status = status;
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
