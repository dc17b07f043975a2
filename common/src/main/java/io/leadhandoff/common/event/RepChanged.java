package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * Routing's roster created or changed a rep: team, status ({@code ACTIVE}, {@code DEPARTED}) and
 * weight in its pool as of {@code changedAt}. Reporting audits routing with it (leads owned by
 * departed reps, each rep's share against its weight).
 */
public record RepChanged(
        @NotBlank String login,
        @NotBlank String team,
        @NotBlank String status,
        int weight,
        @NotNull Instant changedAt) {
}
