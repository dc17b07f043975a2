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
import java.util.function.Function;

/**
 * A malformed id or number in a path or query parameter is the caller's mistake: 400 naming the
 * parameter, not the 404 that JAX-RS prescribes for failed parameter conversions (which reads as
 * "no such endpoint" and sends callers looking in the wrong place). Declare such parameters as
 * {@link UUID} or {@link Integer}.
 */
@Provider
public class TypedParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = "parameter";
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof PathParam p) {
                name = p.value();
            }
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Converter<>(name, UUID::fromString,
                    "a UUID such as 3f2c1b9e-8d4a-4c1e-9a7b-2e5f6d8c0a11");
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(name, Integer::valueOf, "a whole number");
        }
        return null;
    }

    private record Converter<T>(String name, Function<String, T> parse, String expected) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(name + " must be " + expected + ", got '"
                        + Problem.echo(value) + "'");
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
