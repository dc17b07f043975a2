package io.leadhandoff.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What JSON may hold, for every API body and every event, checked while parsing so that nothing
 * unbounded or unstorable gets in (and then breaks a read later): nesting at most
 * {@value #MAX_DEPTH} levels, no key repeated in an object, no NUL character and no unpaired
 * UTF-16 surrogate in any text or key (PostgreSQL cannot store the one, JSON writers choke on the
 * other), no free-form number beyond a double's range. Each is a 400 problem naming where it is.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MAX_DEPTH = 20;
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NUMBER_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("strict-text")
                .addDeserializer(String.class, new CleanString())
                .addDeserializer(Object.class, new FreeForm())
                .addKeyDeserializer(String.class, new CleanKey()));
    }

    /** The reason {@code text} cannot be stored, or null when it can. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    static final class CleanString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String problem = value == null ? null : problemWith(value);
            if (problem != null) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, "text " + problem);
            }
            return value;
        }
    }

    /**
     * Free-form values (a map's or a list's), read with the same checks as typed ones: texts and
     * keys must be storable, and a number too large for a double is refused (it would otherwise be
     * read as Infinity and stored as the text "Infinity", silently changing the data).
     */
    static final class FreeForm extends StdDeserializer<Object> {

        FreeForm() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case START_OBJECT, FIELD_NAME -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    String key = p.currentToken() == JsonToken.START_OBJECT ? p.nextFieldName() : p.currentName();
                    for (; key != null; key = p.nextFieldName()) {
                        String problem = problemWith(key);
                        if (problem != null) {
                            ctxt.handleWeirdKey(String.class, key, "key " + problem);
                        }
                        p.nextToken();
                        object.put(key, deserialize(p, ctxt));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    List<Object> array = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        array.add(deserialize(p, ctxt));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    String text = p.getText();
                    String problem = problemWith(text);
                    return problem == null ? text : ctxt.handleWeirdStringValue(String.class, text, "text " + problem);
                }
                case VALUE_NUMBER_INT -> {
                    return p.getNumberValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    double value = p.getDoubleValue();
                    return Double.isInfinite(value) ? ctxt.handleWeirdNumberValue(Double.class, value,
                            "number " + p.getText() + " is out of range (at most about 1.8e308)") : value;
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                default -> {
                    return ctxt.handleUnexpectedToken(Object.class, p);
                }
            }
        }
    }

    static final class CleanKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = problemWith(key);
            if (problem != null) {
                return ctxt.handleWeirdKey(String.class, key, "key " + problem);
            }
            return key;
        }
    }
}
