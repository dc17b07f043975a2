package io.leadhandoff.sla.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * A warning, a breach or an escalation step of an SLA clock, as a manager's screen shows it;
 * {@code step} (from 0) and {@code action} for an escalation.
 */
public record AlertView(long id, UUID clockId, UUID leadId, String kind, String clockKind, String owner, String manager,
        String team, String priority, Instant dueAt, Instant at, String message, int step, String action) {
}
