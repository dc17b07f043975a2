package io.leadhandoff.common.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Sales qualified the lead (SQL) on budget, authority, need and timeline. */
public record LeadSalesQualified(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull @Valid Bant bant,
        @NotBlank String actor,
        @NotNull Instant assignedAt,
        @NotNull Instant qualifiedAt) {

    /** What the rep learned, in their words. */
    public record Bant(@NotBlank String budget, @NotBlank String authority, @NotBlank String need,
            @NotBlank String timeline) {
    }
}
