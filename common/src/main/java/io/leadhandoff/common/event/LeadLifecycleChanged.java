package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** A lead entered a lifecycle stage; {@code from} is null when the lead was just created. */
public record LeadLifecycleChanged(
        @NotNull UUID leadId,
        LifecycleStage from,
        @NotNull LifecycleStage to,
        @NotBlank String cause,
        String source,
        String campaign,
        @NotNull Instant changedAt) {
}
