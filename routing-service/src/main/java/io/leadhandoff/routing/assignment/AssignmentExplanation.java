package io.leadhandoff.routing.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Why an assignment is where it is: the latest decision, what it looked at, and the assignment's history. */
public record AssignmentExplanation(UUID assignmentId, UUID leadId, String owner, String team, String queue,
        DecisionRecord decision, Map<String, Object> leadFacts, List<Step> history) {

    public record Step(Instant at, String action, String owner, String actor, String reason) {
    }
}
