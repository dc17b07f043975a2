package io.leadhandoff.common.error;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/**
 * A malformed id in a path or query parameter is the caller's mistake: 400 naming the parameter,
 * not the 404 that JAX-RS prescribes for failed parameter conversions (which reads as "no such
 * endpoint" and sends callers looking in the wrong place).
 */
@Provider
public class UuidParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class) {
            return null;
        }
        String name = "id";
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof PathParam p) {
                name = p.value();
            }
        }
        return (ParamConverter<T>) new Converter(name);
    }

    private record Converter(String name) implements ParamConverter<UUID> {

        @Override
        public UUID fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return UUID.fromString(value.trim());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(name + " must be a UUID such as 3f2c1b9e-8d4a-4c1e-9a7b-2e5f6d8c0a11, got '"
                        + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'");
            }
        }

        @Override
        public String toString(UUID value) {
            return value == null ? null : value.toString();
        }
    }
}
