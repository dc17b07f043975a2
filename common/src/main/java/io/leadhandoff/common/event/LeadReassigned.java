package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * An assignment changed hands: from {@code previousOwner} (null when it left a queue) to
 * {@code owner}, for {@code reason} (the owner departed, a manager moved it, an SLA escalation),
 * decided by {@code actor} (a login, or {@code routing}). The task keeps its priority. {@code dueAt}
 * was routing's own due time; the SLA policy sets it now and announces it in {@link SlaDueTimeSet}:
 * null from then on.
 */
public record LeadReassigned(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        String previousOwner,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotBlank String reason,
        @NotBlank String actor,
        @NotNull Instant reassignedAt,
        Instant dueAt,
        String ownerEmail,
        String managerEmail,
        String rule) {
}
