package io.leadhandoff.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A bounded fuzz run over every operation a service's OpenAPI document declares: hostile path and
 * query values (malformed ids and numbers, broken percent escapes, NUL, invalid UTF-8, huge
 * lengths) and hostile bodies (wrong shapes, every property given the wrong type, deep nesting,
 * repeated keys, NUL and lone surrogates, numbers out of range, overlong UTF-8), sent with a token
 * that holds every role so the input reaches validation. Every answer must be below 500, and every
 * 4xx an {@code application/problem+json}. New endpoints are covered as soon as they are in the
 * document.
 */
public final class OpenApiFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Finding(String method, String path, String input, int status, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path + " [" + input + "] -> " + status + " " + contentType + " "
                    + (body.length() > 160 ? body.substring(0, 160) + "..." : body);
        }
    }

    private final String token;
    private final Duration budget;
    private final List<Finding> findings = new ArrayList<>();
    private int requests;

    private OpenApiFuzz(String token, Duration budget) {
        this.token = token;
        this.budget = budget;
    }

    /** Fuzzes the service under test (on 127.0.0.1, rest-assured's port) within {@code budget}. */
    public static OpenApiFuzz run(String token, Duration budget) {
        OpenApiFuzz fuzz = new OpenApiFuzz(token, budget);
        fuzz.runAll();
        return fuzz;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public int requests() {
        return requests;
    }

    private void runAll() {
        JsonNode doc;
        try {
            doc = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                    .extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException("No OpenAPI document", e);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    return;
                }
                fuzzOperation(doc, method, path.getKey(), op.getValue());
            }
        }
    }

    private void fuzzOperation(JsonNode doc, String method, String template, JsonNode op) {
        List<JsonNode> pathParams = new ArrayList<>();
        List<JsonNode> queryParams = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if ("path".equals(p.path("in").asText())) {
                pathParams.add(p);
            } else if ("query".equals(p.path("in").asText())) {
                queryParams.add(p);
            }
        }
        String validPath = template;
        for (JsonNode p : pathParams) {
            validPath = validPath.replace("{" + p.path("name").asText() + "}", sample(p.path("schema"), doc));
        }
        boolean hasBody = op.has("requestBody");
        JsonNode bodySchema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"), doc);

        // hostile path values, one parameter at a time
        for (JsonNode p : pathParams) {
            for (String raw : HOSTILE_RAW_VALUES) {
                String path = template;
                for (JsonNode q : pathParams) {
                    path = path.replace("{" + q.path("name").asText() + "}",
                            q == p ? raw : sample(q.path("schema"), doc));
                }
                send(method, path, hasBody ? "{}" : null, "path " + p.path("name").asText() + "=" + shorten(raw));
            }
        }
        // hostile query values, one parameter at a time
        for (JsonNode p : queryParams) {
            for (String raw : HOSTILE_RAW_VALUES) {
                send(method, validPath + "?" + p.path("name").asText() + "=" + raw, hasBody ? "{}" : null,
                        "query " + p.path("name").asText() + "=" + shorten(raw));
            }
        }
        if (!hasBody) {
            return;
        }
        // hostile bodies: fixed shapes, then each property of the schema given each wrong value
        for (Map.Entry<String, byte[]> body : hostileBodies().entrySet()) {
            sendBytes(method, validPath, body.getValue(), "body " + body.getKey());
        }
        JsonNode objectSchema = bodySchema.path("type").asText().equals("array")
                ? resolve(bodySchema.path("items"), doc) : bodySchema;
        boolean array = bodySchema.path("type").asText().equals("array");
        for (Iterator<String> names = objectSchema.path("properties").fieldNames(); names.hasNext();) {
            String name = names.next();
            // a free-form object (e.g. an event's properties) also gets each wrong value inside it
            boolean freeForm = "object".equals(resolve(objectSchema.path("properties").path(name), doc).path("type").asText());
            for (Map.Entry<String, String> wrong : WRONG_VALUES.entrySet()) {
                List<String> values = freeForm ? List.of(wrong.getValue(), "{\"k\": " + wrong.getValue() + "}")
                        : List.of(wrong.getValue());
                for (String value : values) {
                    // the rest of the object well-formed, so the hostile value gets past validation to storage
                    ObjectNode base = validObject(objectSchema, doc);
                    base.remove(name);
                    String rest = base.isEmpty() ? "" : ", " + base.toString().substring(1, base.toString().length() - 1);
                    String object = "{" + JSON.valueToTree(name) + ": " + value + rest + "}";
                    sendBytes(method, validPath, (array ? "[" + object + "]" : object).getBytes(StandardCharsets.UTF_8),
                            "body ." + name + (value == wrong.getValue() ? "" : ".k") + " = " + wrong.getKey());
                }
            }
        }
    }

    private void send(String method, String rawPathAndQuery, String body, String input) {
        sendBytes(method, rawPathAndQuery, body == null ? null : body.getBytes(StandardCharsets.UTF_8), input);
    }

    private void sendBytes(String method, String rawPathAndQuery, byte[] body, String input) {
        requests++;
        try {
            RawHttp.Answer answer = RawHttp.send(method, rawPathAndQuery, body == null
                    ? Map.of("Authorization", "Bearer " + token)
                    : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
            if (answer.status() >= 500 || (answer.status() >= 400 && !answer.isProblem())) {
                findings.add(new Finding(method, shorten(rawPathAndQuery), input, answer.status(),
                        answer.contentType() == null ? "" : answer.contentType(), answer.body()));
            }
        } catch (IllegalStateException e) {
            findings.add(new Finding(method, shorten(rawPathAndQuery), input, -1, "", "no answer: " + e.getCause()));
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + ")" : s;
    }

    /** Raw (already percent-encoded where needed) values for path and query parameters. */
    private static final List<String> HOSTILE_RAW_VALUES = List.of(
            "not-a-uuid", "-1", "0", "99999999999999999999999", "1e400", "%zz", "%", "%00", "%ED%A0%80",
            "%C0%AF", "%F0%9F%98%80", "x".repeat(5000), "..%2F..%2Fetc%2Fpasswd", "%27%20or%201%3D1--");

    /** Values given to each property of a body, by name of the case. */
    private static final Map<String, String> WRONG_VALUES = new LinkedHashMap<>();

    static {
        WRONG_VALUES.put("null", "null");
        WRONG_VALUES.put("object", "{\"a\": 1}");
        WRONG_VALUES.put("array", "[1, \"two\", {}]");
        WRONG_VALUES.put("boolean", "true");
        WRONG_VALUES.put("number", "42");
        WRONG_VALUES.put("huge number", "1e400");
        WRONG_VALUES.put("long integer", "123456789012345678901234567890");
        WRONG_VALUES.put("negative", "-1");
        WRONG_VALUES.put("empty text", "\"\"");
        WRONG_VALUES.put("NUL text", "\"a\\u0000b\"");
        WRONG_VALUES.put("lone surrogate", "\"\\ud800\"");
        WRONG_VALUES.put("dotless capital I", "\"\u0130\u0130\u0130@\u0130.example\"");
        WRONG_VALUES.put("long text", "\"" + "x".repeat(20_000) + "\"");
        WRONG_VALUES.put("date far away", "\"+1000000000-01-01T00:00:00Z\"");
        WRONG_VALUES.put("not a date", "\"yesterday\"");
        WRONG_VALUES.put("uuid-ish", "\"" + UUID.randomUUID() + "x\"");
        WRONG_VALUES.put("deep", "{\"a\":".repeat(60) + "1" + "}".repeat(60));
    }

    private static Map<String, byte[]> hostileBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String[] b : new String[][] { { "empty", "" }, { "null", "null" }, { "array", "[]" }, { "object", "{}" },
                { "string", "\"text\"" }, { "number", "12" }, { "truncated", "{\"a\": " }, { "not json", "hello" },
                { "repeated key", "{\"a\": 1, \"a\": 2}" }, { "deep", "[".repeat(2000) + "]".repeat(2000) },
                { "array of nulls", "[null, null]" }, { "array of arrays", "[[1], [2]]" } }) {
            bodies.put(b[0], b[1].getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.writeBytes("{\"a\": \"x".getBytes(StandardCharsets.US_ASCII));
        overlong.writeBytes(new byte[] { (byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80, (byte) 0xAF });
        overlong.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        bodies.put("overlong UTF-8", overlong.toByteArray());
        bodies.put("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}' });
        return bodies;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode doc) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            return target;
        }
        return schema;
    }

    /** An object with every property of {@code schema} given a plausible value (a guess from type, format and name). */
    private static ObjectNode validObject(JsonNode schema, JsonNode doc) {
        ObjectNode object = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode s = resolve(property.getValue(), doc);
            String name = property.getKey().toLowerCase();
            String format = s.path("format").asText();
            if (s.has("enum")) {
                object.set(property.getKey(), s.path("enum").get(0));
            } else if (name.contains("email")) {
                object.put(property.getKey(), "fuzz." + UUID.randomUUID() + "@example.com");
            } else if (name.contains("domain")) {
                object.put(property.getKey(), "example.com");
            } else if (name.endsWith("url")) {
                object.put(property.getKey(), "https://example.com/page");
            } else if ("date-time".equals(format)) {
                object.put(property.getKey(), java.time.Instant.now().toString());
            } else if ("date".equals(format)) {
                object.put(property.getKey(), java.time.LocalDate.now().toString());
            } else if ("uuid".equals(format)) {
                object.put(property.getKey(), UUID.randomUUID().toString());
            } else {
                switch (s.path("type").asText()) {
                    case "integer", "number" -> object.put(property.getKey(), 1);
                    case "boolean" -> object.put(property.getKey(), true);
                    case "array" -> object.set(property.getKey(), JSON.createArrayNode());
                    case "object" -> object.set(property.getKey(), JSON.createObjectNode());
                    default -> object.put(property.getKey(), "fuzz-" + property.getKey());
                }
            }
        }
        return object;
    }

    /** A well-formed value for a path parameter, so the other parameter's hostile value is what is tested. */
    private static String sample(JsonNode schema, JsonNode doc) {
        JsonNode s = resolve(schema, doc);
        if ("uuid".equals(s.path("format").asText())) {
            return UUID.randomUUID().toString();
        }
        if ("integer".equals(s.path("type").asText())) {
            return "1";
        }
        return "sample";
    }
}
