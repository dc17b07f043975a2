package io.leadhandoff.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns envelopes into JSON and back, validating both the envelope and its payload. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    private final Validator validator;

    public EventCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public String encode(EventEnvelope<?> envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + envelope.id() + " cannot be serialised", e);
        }
    }

    /** The body of an AMQP message as text, whatever section type the broker delivered it in. */
    public static String text(Object payload) {
        if (payload == null) {
            return "";
        }
        if (payload instanceof String s) {
            return s;
        }
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        if (payload instanceof JsonObject json) {
            return json.encode();
        }
        if (payload instanceof JsonArray json) {
            return json.encode();
        }
        return String.valueOf(payload);
    }

    /**
     * Parses and validates an envelope of the expected type.
     *
     * @throws InvalidEventException when the message is not a valid event of that type
     */
    @SuppressWarnings("unchecked")
    public <T extends Record> EventEnvelope<T> decode(String json, EventType expected) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        String specversion = required(tree, "specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("unsupported specversion " + specversion);
        }
        String type = required(tree, "type");
        if (!expected.type().equals(type)) {
            throw new InvalidEventException("expected type " + expected.type() + " but got " + type);
        }
        int schemaVersion = tree.path("schemaversion").asInt(1);
        if (schemaVersion > expected.schemaVersion()) {
            throw new InvalidEventException("schema version " + schemaVersion + " of " + type
                    + " is newer than the supported " + expected.schemaVersion());
        }
        UUID id;
        Instant time;
        try {
            id = UUID.fromString(required(tree, "id"));
            time = Instant.parse(required(tree, "time"));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidEventException("bad id or time: " + e.getMessage());
        }
        JsonNode dataNode = tree.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw new InvalidEventException("missing data object");
        }
        T data;
        try {
            data = (T) mapper.treeToValue(dataNode, expected.dataClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data does not match " + expected.dataClass().getSimpleName() + ": "
                    + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("invalid data: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        return new EventEnvelope<>(specversion, id, type, required(tree, "source"), time,
                tree.path("subject").asText(null), tree.path("datacontenttype").asText(null), schemaVersion, data);
    }

    private static String required(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw new InvalidEventException("missing " + field);
        }
        return node.asText();
    }
}
