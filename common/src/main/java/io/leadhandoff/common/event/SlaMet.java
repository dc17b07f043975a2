package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock was met in time: its kind (FIRST_TOUCH, REVIEW_DECISION, ...), and how much business time it took. */
public record SlaMet(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotBlank String kind,
        String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull Instant startedAt,
        @NotNull Instant dueAt,
        @NotNull Instant metAt,
        long businessSecondsElapsed) {
}
