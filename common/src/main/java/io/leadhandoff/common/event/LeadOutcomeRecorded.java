package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** What became of a qualified lead: an opportunity opened, won, or lost. */
public record LeadOutcomeRecorded(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        String owner,
        String manager,
        String team,
        @NotNull Outcome outcome,
        String note,
        @NotBlank String actor,
        @NotNull Instant recordedAt) {

    public enum Outcome { OPPORTUNITY, WON, LOST }
}
