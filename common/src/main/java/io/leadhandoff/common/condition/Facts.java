package io.leadhandoff.common.condition;

import java.util.Map;

/** Named attributes of a fact; {@code null} when it has none of that name. */
@FunctionalInterface
public interface Facts {

    Object get(String attribute);

    static Facts of(Map<String, ?> attributes) {
        return attributes::get;
    }
}
