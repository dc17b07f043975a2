package io.leadhandoff.sla.alert;

import java.time.Instant;
import java.util.UUID;

/** A warning or a breach of an SLA clock, as a manager's screen shows it. */
public record AlertView(long id, UUID clockId, UUID leadId, String kind, String clockKind, String owner, String manager,
        String team, String priority, Instant dueAt, Instant at, String message) {
}
