package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * Routing's roster changed a team: its name and manager (login and e-mail) as of
 * {@code changedAt}. Services that scope reads by team learn who manages which team from it.
 */
public record TeamChanged(
        @NotNull UUID teamId,
        @NotBlank String name,
        @NotBlank String managerLogin,
        String managerEmail,
        @NotNull Instant changedAt) {
}
