package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock's due time was set by the SLA policy: when the clock started, moved to a new owner's
 * calendar, or resumed after a pause ({@code dueAt} null while it is paused). Routing takes its
 * tasks' due times from it, so the policy is the one source of the windows.
 */
public record SlaDueTimeSet(
        @NotNull UUID leadId,
        @NotNull UUID clockId,
        @NotNull UUID assignmentId,
        @NotBlank String kind,
        String owner,
        Instant dueAt,
        long targetSeconds,
        Integer policyVersion,
        String calendar,
        @NotNull Instant at) {
}
