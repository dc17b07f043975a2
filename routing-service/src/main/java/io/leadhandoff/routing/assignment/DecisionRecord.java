package io.leadhandoff.routing.assignment;

import io.leadhandoff.routing.rule.Router;
import java.time.Instant;
import java.util.List;

/** A routing decision as kept with its assignment: when, by which rule, why, and who was passed over and why. */
public record DecisionRecord(Instant at, String rule, String reason, List<Router.Skip> skipped) {
}
