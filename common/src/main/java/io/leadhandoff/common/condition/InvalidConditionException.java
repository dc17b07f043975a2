package io.leadhandoff.common.condition;

import java.util.List;
import java.util.stream.Collectors;

/** A condition that cannot be used, with every reason, each naming where in the condition it is. */
public class InvalidConditionException extends RuntimeException {

    /** {@code path} locates the condition, e.g. {@code all[1].any[0]}; {@code message} says what is wrong. */
    public record Violation(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final List<Violation> violations;

    public InvalidConditionException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
