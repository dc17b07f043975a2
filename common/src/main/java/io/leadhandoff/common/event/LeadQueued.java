package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead could not be given an owner and waits in a queue ({@code queue}, e.g. {@code FALLBACK})
 * for a manager to claim or assign it; {@code reason} says why. {@code managerEmail} where the
 * roster has it (added in schema version 1); {@code segment} as in {@link LeadAssigned} (added later).
 */
public record LeadQueued(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String queue,
        @NotBlank String reason,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull Instant queuedAt,
        String managerEmail,
        String segment) {

    public LeadQueued(UUID leadId, UUID assignmentId, String queue, String reason, String manager, String team,
            Priority priority, Instant queuedAt, String managerEmail) {
        this(leadId, assignmentId, queue, reason, manager, team, priority, queuedAt, managerEmail, null);
    }

    public LeadQueued(UUID leadId, UUID assignmentId, String queue, String reason, String manager, String team,
            Priority priority, Instant queuedAt) {
        this(leadId, assignmentId, queue, reason, manager, team, priority, queuedAt, null, null);
    }
}
