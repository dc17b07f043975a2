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
        return read(body, mapper.readerFor(type));
    }

    /** A generic body such as a list of rules: each element is validated too. */
    public <T> T read(String body, com.fasterxml.jackson.core.type.TypeReference<T> type) throws IOException {
        return read(body, mapper.readerFor(type));
    }

    private <T> T read(String body, ObjectReader typed) throws IOException {
        ObjectReader reader = typed.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        T value = reader.readValue(body == null ? "" : body);
        if (value == null) {
            throw new IllegalArgumentException("A body is required");
        }
        if (value instanceof java.util.List<?> items) {
            // each item's violations named by its index: "[2].target must not be blank"
            java.util.List<io.leadhandoff.common.error.Problem.Violation> found = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    found.add(new io.leadhandoff.common.error.Problem.Violation("[" + i + "]", "must not be null"));
                    continue;
                }
                for (var v : validator.validate(items.get(i))) {
                    found.add(new io.leadhandoff.common.error.Problem.Violation("[" + i + "]." + v.getPropertyPath(),
                            v.getMessage()));
                }
            }
            if (!found.isEmpty()) {
                throw new io.leadhandoff.common.error.ProblemException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                        found.get(0).field() + " " + found.get(0).message(), found);
            }
            return value;
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
