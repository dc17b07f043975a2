package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales rejected the lead, with a reason from the fixed list (and a note, required for OTHER).
 * {@code duplicateOf}: for DUPLICATE, the lead this one duplicates, when the rep knows it.
 */
public record LeadRejected(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull RejectionReason reason,
        String note,
        UUID duplicateOf,
        @NotBlank String actor,
        @NotNull Instant assignedAt,
        @NotNull Instant rejectedAt,
        String rule) {
}
