package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** An assignment gave its owner a task ({@code type}, e.g. FIRST_TOUCH) due at {@code dueAt}. */
public record SalesTaskCreated(
        @NotNull UUID taskId,
        @NotNull UUID assignmentId,
        @NotNull UUID leadId,
        @NotBlank String owner,
        @NotBlank String type,
        @NotNull Priority priority,
        @NotNull Instant dueAt,
        @NotNull Instant createdAt) {
}
