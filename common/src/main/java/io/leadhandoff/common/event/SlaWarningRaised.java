package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock reached its warning point (e.g. 75% of its target) still open: time to act. */
public record SlaWarningRaised(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotBlank String kind,
        String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull Instant startedAt,
        @NotNull Instant dueAt,
        @NotNull Instant warnedAt,
        long businessSecondsElapsed,
        long businessSecondsRemaining) {
}
