package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** An assignment gave its owner a task ({@code type}, e.g. FIRST_TOUCH) due at {@code dueAt}
 * (null when the SLA policy has not set it yet: it follows in {@link SlaDueTimeSet}). */
public record SalesTaskCreated(
        @NotNull UUID taskId,
        @NotNull UUID assignmentId,
        @NotNull UUID leadId,
        @NotBlank String owner,
        @NotBlank String type,
        @NotNull Priority priority,
        Instant dueAt,
        @NotNull Instant createdAt) {
}
