package io.leadhandoff.testing;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends exactly the given bytes to exactly the given (raw, percent-encoded or not) URI of the
 * service under test: the usual HTTP clients refuse to send a malformed percent escape or an
 * oversized request line, which is what hostile-input tests need.
 */
public final class RawHttp {

    /** What came back. */
    public record Answer(int status, String contentType, String body) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private static Vertx vertx;

    private RawHttp() {
    }

    private static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        }
        return vertx;
    }

    /**
     * {@code method rawUri} on 127.0.0.1 at rest-assured's port (the service under test). A request
     * that gets no answer within 15 s is sent once more on a new connection (on a loaded 2-core
     * machine a connection occasionally stalls); a second silence fails.
     */
    public static Answer send(String method, String rawUri, Map<String, String> headers, byte[] body) {
        try {
            return attempt(method, rawUri, headers, body);
        } catch (IllegalStateException first) {
            if (!(first.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw first;
            }
            return attempt(method, rawUri, headers, body);
        }
    }

    private static Answer attempt(String method, String rawUri, Map<String, String> headers, byte[] body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("127.0.0.1")
                .setPort(RestAssured.port).setURI(rawUri);
        headers.forEach(options::putHeader);
        // a client per request: a request the server refused half-way must not hold a pooled connection
        HttpClient client = vertx().createHttpClient(new HttpClientOptions().setMaxInitialLineLength(1 << 20)
                .setKeepAlive(false).setConnectTimeout(5_000));
        try {
            return client.request(options)
                    .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                    .compose(response -> {
                        String type = response.getHeader("Content-Type");
                        if (type != null && type.startsWith("text/event-stream")) {
                            // a live stream never ends: its status and type are the answer (closing the client ends it)
                            return io.vertx.core.Future.succeededFuture(new Answer(response.statusCode(), type, ""));
                        }
                        return response.body().map(b -> new Answer(response.statusCode(), type, b.toString()));
                    })
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + (rawUri.length() > 80 ? rawUri.substring(0, 80) : rawUri)
                    + " got no answer", e);
        } finally {
            client.close();
        }
    }

    public static Answer get(String rawUri, String token) {
        return send("GET", rawUri, Map.of("Authorization", "Bearer " + token), null);
    }

    public static Answer postJson(String rawUri, String token, byte[] body) {
        return send("POST", rawUri, Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
    }
}
