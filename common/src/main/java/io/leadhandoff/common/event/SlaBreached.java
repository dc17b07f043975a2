package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock passed its deadline without the expected action. */
public record SlaBreached(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotBlank String kind,
        String owner,
        String manager,
        Priority priority,
        @NotNull Instant startedAt,
        @NotNull Instant dueAt,
        @NotNull Instant breachedAt) {
}
