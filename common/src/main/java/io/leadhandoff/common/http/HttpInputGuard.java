package io.leadhandoff.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.json.StrictJson;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request line and headers, checked before anything reads them, so that what the HTTP layer
 * refuses is refused in the API's error format (application/problem+json) too: a URI longer than
 * {@value #MAX_URI_LENGTH} characters (414), a declared body larger than the configured limit
 * (413), a broken percent escape, bytes that are not UTF-8, or a NUL or unpaired surrogate in the
 * path or the query (400, naming the parameter), or any other malformed URI. Quarkus would refuse
 * a malformed URI itself, with a bare 400, before this runs: the services are started with
 * {@code -Dvertx.disableURIValidation=true} (./stack, the tests, the container image) so that
 * this check answers instead.
 */
@ApplicationScoped
public class HttpInputGuard {

    public static final int MAX_URI_LENGTH = 8192;

    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final long maxJsonBodyBytes;

    public HttpInputGuard(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") io.quarkus.runtime.configuration.MemorySize maxBody,
            @ConfigProperty(name = "handoff.http.max-json-body-size", defaultValue = "10240K") io.quarkus.runtime.configuration.MemorySize maxJsonBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
        // a JSON body is parsed whole in memory: it may be smaller than a streamed upload (a CSV)
        this.maxJsonBodyBytes = Math.min(maxJsonBody.asLongValue(), maxBodyBytes);
    }

    void install(@Observes Router router) {
        // before the body handler and every route: nothing has been read or decoded yet
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri();
        if (uri.length() > MAX_URI_LENGTH) {
            refuse(ctx, 414, "URI Too Long", "The request URI has " + uri.length() + " characters; at most "
                    + MAX_URI_LENGTH + " are accepted (send large input in a body)");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "Bad Request", "Content-Length must be a number of bytes");
                return;
            }
            String type = request.getHeader("Content-Type");
            long limit = type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json") ? maxJsonBodyBytes
                    : maxBodyBytes;
            if (declared > limit) {
                refuse(ctx, 413, "Content Too Large", "The body has " + declared + " bytes; at most " + limit
                        + " are accepted (send large batches in parts)");
                return;
            }
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String problem = problemWithComponent(path);
        if (problem != null) {
            refuse(ctx, 400, "Bad Request", "The path " + problem);
            return;
        }
        if (query >= 0) {
            for (String pair : uri.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String nameProblem = problemWithComponent(name);
                String valueProblem = eq < 0 ? null : problemWithComponent(pair.substring(eq + 1));
                if (nameProblem != null || valueProblem != null) {
                    String shown = nameProblem != null ? "A query parameter name" : "Query parameter "
                            + Problem.echo(name);
                    refuse(ctx, 400, "Bad Request", shown + " " + (nameProblem != null ? nameProblem : valueProblem));
                    return;
                }
            }
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            refuse(ctx, 400, "Bad Request", "The request URI is malformed: " + e.getReason() + " at character "
                    + (e.getIndex() + 1) + " (percent-encode it)");
            return;
        }
        ctx.next();
    }

    /** Why a raw (percent-encoded) path or query component is unusable, or null. */
    static String problemWithComponent(String raw) {
        if (raw.indexOf('%') < 0) {
            return StrictJson.problemWith(raw) == null ? null : "contains a character that cannot be stored";
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return "has a broken percent escape at character " + (i + 1) + " (a % must be followed by two hex digits)";
                }
                bytes.put((byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return "is not UTF-8 once its percent escapes are decoded";
        }
        return StrictJson.problemWith(decoded);
    }

    private void refuse(RoutingContext ctx, int status, String title, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(status, title, detail));
        } catch (Exception e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                // the body was not read: close rather than parse what follows as the next request
                .putHeader("Connection", "close").end(body);
    }
}
