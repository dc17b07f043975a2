package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The owner reached out for the first time (call, e-mail, meeting): the first-touch clock stops. */
public record FirstTouchLogged(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotBlank String channel,
        String note,
        @NotNull Instant assignedAt,
        @NotNull Instant touchedAt) {
}
