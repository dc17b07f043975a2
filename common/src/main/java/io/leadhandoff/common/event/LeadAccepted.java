package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Sales accepted the lead (SAL): its owner, or their manager, took it on. */
public record LeadAccepted(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotBlank String actor,
        String note,
        @NotNull Instant assignedAt,
        @NotNull Instant acceptedAt,
        String rule) {
}
