package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * A breached clock's escalation step ran: {@code step} (from 0) of its policy's ladder, with its
 * {@code action} (NOTIFY_REP, NOTIFY_MANAGER, REASSIGN, NOTIFY_ADDRESS). Routing consumes REASSIGN
 * and hands the lead to the next eligible rep, the breach as the reason.
 */
public record SlaEscalated(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotNull UUID assignmentId,
        @NotBlank String kind,
        String owner,
        String manager,
        String team,
        Priority priority,
        @NotNull Instant startedAt,
        @NotNull Instant dueAt,
        long targetSeconds,
        long businessSecondsElapsed,
        int step,
        @NotBlank String action,
        @NotNull Instant escalatedAt) {
}
