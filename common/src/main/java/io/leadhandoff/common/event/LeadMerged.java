package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * Two leads were found to be one person: {@code mergedId} (with its e-mail) now lives on as
 * {@code leadId}, which holds both histories. The subject is {@code leadId}.
 */
public record LeadMerged(
        @NotNull UUID leadId,
        @NotNull UUID mergedId,
        @NotBlank String mergedEmail,
        @NotNull Instant mergedAt) {
}
