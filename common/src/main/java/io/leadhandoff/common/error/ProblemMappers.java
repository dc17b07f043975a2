package io.leadhandoff.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of every API as application/problem+json with a detail a caller can act on. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Response.status(e.status().getStatusCode()).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank",
                e.status().getReasonPhrase(), e.status().getStatusCode(), e.getMessage(), null, e.violations())).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Invalid request", 400, detail, null, violations)).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        return respond(400, "Malformed JSON", e.getOriginalMessage() + where, null);
    }

    /** Wrong JSON shape or refused text: ours, not the framework's built-in plain-JSON answer. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        Response r = e.getResponse();
        Response.StatusType status = r.getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), null);
    }

    /**
     * No valid credentials: a 401 problem for API callers; a browser on a page whose OIDC tenant logs
     * people in (authorization code flow) gets that tenant's challenge, the redirect to the login.
     */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Uni<Response> unauthenticated(RuntimeException e, RoutingContext context) {
        Response problem = Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", "A valid bearer token is required")).build();
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(problem);
        }
        return authenticator.getChallenge(context).map(challenge -> {
            if (challenge == null || challenge.status != 302) {
                return problem;
            }
            Response.ResponseBuilder redirect = Response.status(302);
            challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
            return redirect.build();
        }).onFailure().recoverWithItem(problem);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "Your roles do not allow this operation", null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return respond(500, "Internal Server Error", "Unexpected error; it has been logged", null);
    }

    private static Response respond(int status, String title, String detail, String instance) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, null)).build();
    }

    /**
     * "upsert.request.email" -> "email", "ingest.events[1].email" -> "[1].email": the resource
     * method and parameter names mean nothing to callers, an index into the body does.
     */
    static String field(String path) {
        String[] parts = path.split("\\.");
        if (parts.length < 2) {
            return path;
        }
        int bracket = parts[1].indexOf('[');
        String index = bracket >= 0 ? parts[1].substring(bracket) : "";
        String rest = String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        return rest.isEmpty() ? (index.isEmpty() ? parts[1] : index) : index + (index.isEmpty() ? "" : ".") + rest;
    }
}
