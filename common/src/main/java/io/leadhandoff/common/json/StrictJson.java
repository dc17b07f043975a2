package io.leadhandoff.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * What JSON may hold, for every API body and every event, checked while parsing so that nothing
 * unbounded or unstorable gets in (and then breaks a read later): nesting at most
 * {@value #MAX_DEPTH} levels, no key repeated in an object, no NUL character and no unpaired
 * UTF-16 surrogate in any text or key (PostgreSQL cannot store the one, JSON writers choke on the
 * other). Each is a 400 problem naming where it is.
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
