package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The owner waits on the prospect ({@code reason}, e.g. "waiting for the budget owner"): clocks
 * whose policy pauses on it stop counting until {@link LeadTakenOffHold}.
 */
public record LeadPutOnHold(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        String owner,
        @NotBlank String reason,
        @NotBlank String by,
        @NotNull Instant heldAt) {
}
