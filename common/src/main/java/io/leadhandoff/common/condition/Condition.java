package io.leadhandoff.common.condition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * A typed, JSON-serialisable condition over the named attributes of a fact (a lead, an account, an
 * activity, an MQL: any {@link Facts}). Rules of scoring, routing and SLA policies are built on it.
 * In JSON each condition names its operator, e.g.
 * {@code {"op":"all","of":[{"op":"in","attribute":"country","values":["DE","AT"]},
 * {"op":"range","attribute":"employees","min":50}]}}.
 * {@link Conditions#compile} validates one and turns it into a fast predicate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Condition.Equals.class, name = "equals"),
        @JsonSubTypes.Type(value = Condition.In.class, name = "in"),
        @JsonSubTypes.Type(value = Condition.Range.class, name = "range"),
        @JsonSubTypes.Type(value = Condition.Matches.class, name = "regex"),
        @JsonSubTypes.Type(value = Condition.Glob.class, name = "glob"),
        @JsonSubTypes.Type(value = Condition.Present.class, name = "present"),
        @JsonSubTypes.Type(value = Condition.Missing.class, name = "missing"),
        @JsonSubTypes.Type(value = Condition.All.class, name = "all"),
        @JsonSubTypes.Type(value = Condition.Any.class, name = "any"),
        @JsonSubTypes.Type(value = Condition.Not.class, name = "not") })
public sealed interface Condition {

    /** The attribute equals the value (text compared ignoring case unless {@code ignoreCase} is false). */
    record Equals(String attribute, Object value, Boolean ignoreCase) implements Condition {
    }

    /** The attribute is one of the values (text ignoring case unless {@code ignoreCase} is false). */
    record In(String attribute, List<Object> values, Boolean ignoreCase) implements Condition {
    }

    /** The attribute is a number within [min, max]; either bound may be left out. */
    record Range(String attribute, BigDecimal min, BigDecimal max) implements Condition {
    }

    /** The attribute, as text, contains a match of the regular expression. */
    record Matches(String attribute, String regex) implements Condition {
    }

    /**
     * The attribute, as text, matches a glob as a whole, ignoring case: {@code *} any characters,
     * {@code ?} one; e.g. a URL pattern {@code https://*.example/pricing*}.
     */
    record Glob(String attribute, String pattern) implements Condition {
    }

    /** The attribute has a value (not null, not blank text). */
    record Present(String attribute) implements Condition {
    }

    /** The attribute has no value (null or blank text). */
    record Missing(String attribute) implements Condition {
    }

    /** Every condition holds (an empty list is refused: say what you mean). */
    record All(List<Condition> of) implements Condition {
    }

    /** At least one condition holds. */
    record Any(List<Condition> of) implements Condition {
    }

    /** The condition does not hold. */
    record Not(Condition of) implements Condition {
    }

    static Condition all(Condition... of) {
        return new All(List.of(of));
    }

    static Condition any(Condition... of) {
        return new Any(List.of(of));
    }
}
