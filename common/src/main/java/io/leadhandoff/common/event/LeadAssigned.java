package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** A lead got an owner; {@code owner} and {@code manager} are login names. */
public record LeadAssigned(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull Instant assignedAt,
        @NotNull Instant dueAt) {
}
