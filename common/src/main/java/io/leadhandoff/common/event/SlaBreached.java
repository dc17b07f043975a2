package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock passed its deadline without the expected action. Its assignment, team, target and the
 * business time it ran were added later (older events carry none).
 */
public record SlaBreached(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotBlank String kind,
        String owner,
        String manager,
        Priority priority,
        @NotNull Instant startedAt,
        @NotNull Instant dueAt,
        @NotNull Instant breachedAt,
        UUID assignmentId,
        String team,
        Long targetSeconds,
        Long businessSecondsElapsed) {

    public SlaBreached(UUID leadId, UUID clockId, String kind, String owner, String manager, Priority priority,
            Instant startedAt, Instant dueAt, Instant breachedAt) {
        this(leadId, clockId, kind, owner, manager, priority, startedAt, dueAt, breachedAt, null, null, null, null);
    }
}
