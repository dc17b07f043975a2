package io.leadhandoff.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.json.StrictJson;
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

/**
 * Turns envelopes into JSON and back, validating both the envelope and its payload.
 *
 * <p>Tolerant reader: fields a consumer does not know are ignored (a producer may add optional
 * fields without raising the schema version). An event this code cannot understand yet (a type it
 * does not know, or a newer major schema version) is not poison: {@link #decode} says so with
 * {@link NotUnderstood}, and the inbox holds it for a newer release instead of dead-lettering it.
 */
@ApplicationScoped
public class EventCodec {

    /**
     * Events carry values the APIs accepted a few levels deeper than the APIs saw them (a form's
     * answers sit in {@code data.lastTouches[i].properties}): the event reader allows that much more
     * nesting than {@link StrictJson#MAX_DEPTH}, so nothing an API took is refused as poison later.
     */
    public static final int MAX_DEPTH = StrictJson.MAX_DEPTH + 10;
    /** Envelope attributes are stored in columns of this size (subject, type, source). */
    public static final int MAX_ATTRIBUTE_LENGTH = 200;

    private final ObjectMapper mapper;
    private final ObjectMapper reader;
    private final Validator validator;

    public EventCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.reader = mapper.copy();
        reader.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxStringLength(StrictJson.MAX_STRING_LENGTH).maxNumberLength(StrictJson.MAX_NUMBER_LENGTH).build());
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

    /** What a received message turned out to be. */
    public sealed interface Decoded permits Understood, NotUnderstood {
        Header header();
    }

    /** A valid event of a type and schema version this code knows. */
    public record Understood(Header header, EventType eventType, EventEnvelope<? extends Record> envelope)
            implements Decoded {
    }

    /** A well-formed envelope whose type or major schema version is newer than this code. */
    public record NotUnderstood(Header header, String reason) implements Decoded {
    }

    /** The envelope attributes, readable whatever the payload. */
    public record Header(String specversion, UUID id, String type, String source, Instant time, String subject,
            String datacontenttype, int schemaVersion) {
    }

    /**
     * Parses and validates an envelope.
     *
     * @throws InvalidEventException when the message is not a valid event and never will be (poison)
     */
    public Decoded decode(String json) {
        JsonNode tree;
        try {
            tree = reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        Header header = header(tree);
        EventType type = EventType.ofType(header.type()).orElse(null);
        if (type == null) {
            return new NotUnderstood(header, "unknown event type " + header.type());
        }
        if (header.schemaVersion() > supportedVersion(type)) {
            return new NotUnderstood(header, "schema version " + header.schemaVersion() + " of " + header.type()
                    + " is newer than the supported " + supportedVersion(type));
        }
        JsonNode dataNode = tree.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw new InvalidEventException("missing data object");
        }
        Record data = data(dataNode, type.dataClass());
        return new Understood(header, type, new EventEnvelope<>(header.specversion(), header.id(), header.type(),
                header.source(), header.time(), header.subject(), header.datacontenttype(), header.schemaVersion(), data));
    }

    /** The newest major schema version of {@code type} this code reads (a newer release raises it). */
    protected int supportedVersion(EventType type) {
        return type.schemaVersion();
    }

    private Header header(JsonNode tree) {
        String specversion = required(tree, "specversion");
        if (!EventEnvelope.SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("unsupported specversion " + specversion);
        }
        JsonNode version = tree.path("schemaversion");
        if (!version.isMissingNode() && !version.canConvertToInt()) {
            throw new InvalidEventException("schemaversion is not an integer");
        }
        Header header;
        try {
            header = new Header(specversion, UUID.fromString(required(tree, "id")), required(tree, "type"),
                    required(tree, "source"), Instant.parse(required(tree, "time")), tree.path("subject").asText(null),
                    tree.path("datacontenttype").asText(null), version.asInt(1));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidEventException("bad id or time: " + e.getMessage());
        }
        // consumers store these (processed, parked, logged): what cannot be stored is poison, not a stuck queue
        storable("type", header.type());
        storable("source", header.source());
        storable("subject", header.subject());
        return header;
    }

    private static void storable(String attribute, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_ATTRIBUTE_LENGTH) {
            throw new InvalidEventException(attribute + " is longer than " + MAX_ATTRIBUTE_LENGTH + " characters");
        }
        String problem = StrictJson.problemWith(value);
        if (problem != null) {
            throw new InvalidEventException(attribute + " " + problem);
        }
    }

    private <T extends Record> T data(JsonNode dataNode, Class<T> dataClass) {
        T data;
        try {
            data = reader.readerFor(dataClass).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(dataNode);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new InvalidEventException("data does not match " + dataClass.getSimpleName() + ": "
                    + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("invalid data: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        return data;
    }

    private static String required(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw new InvalidEventException("missing " + field);
        }
        return node.asText();
    }
}
