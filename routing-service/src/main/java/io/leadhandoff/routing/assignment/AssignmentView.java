package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.Priority;
import java.time.Instant;
import java.util.UUID;

public record AssignmentView(UUID id, UUID leadId, String owner, String manager, String team, Priority priority,
        Assignment.Status status, Instant assignedAt, Instant dueAt, LeadContext lead) {

    static AssignmentView of(Assignment a) {
        return new AssignmentView(a.id, a.leadId, a.ownerLogin, a.managerLogin, a.teamName, a.priority, a.status,
                a.assignedAt, a.dueAt, a.leadContext);
    }
}
