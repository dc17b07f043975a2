package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.Priority;
import java.time.Instant;
import java.util.UUID;

public record ClockView(UUID id, UUID leadId, UUID assignmentId, SlaClock.Kind kind, String owner, String manager,
        Priority priority, SlaClock.Status status, Instant startedAt, Instant dueAt, Instant breachedAt, Instant metAt) {

    static ClockView of(SlaClock c) {
        return new ClockView(c.id, c.leadId, c.assignmentId, c.kind, c.ownerLogin, c.managerLogin, c.priority, c.status,
                c.startedAt, c.dueAt, c.breachedAt, c.metAt);
    }
}
