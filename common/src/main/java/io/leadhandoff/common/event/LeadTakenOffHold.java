package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The prospect answered (or the owner stopped waiting): paused clocks count again from {@code resumedAt}. */
public record LeadTakenOffHold(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        String owner,
        @NotBlank String by,
        @NotNull Instant resumedAt) {
}
