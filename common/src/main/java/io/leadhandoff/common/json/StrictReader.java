package io.leadhandoff.common.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;

/**
 * Reads a body that must say exactly what it means: configuration written by people (a scoring
 * model, a routing rule) where a misspelt field silently ignored would change behaviour. Unknown
 * fields are refused (Jackson's exception names the field and its path: a 400 problem), then the
 * result is validated like any request body. Events keep the tolerant reader.
 */
@ApplicationScoped
public class StrictReader {

    private final ObjectMapper mapper;
    private final Validator validator;

    public StrictReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) throws IOException {
        ObjectReader reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        T value = reader.readValue(body == null ? "" : body);
        if (value == null) {
            throw new IllegalArgumentException("A body is required");
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
