package io.leadhandoff.common.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * A lead got an owner; {@code owner} and {@code manager} are login names, with their e-mail
 * addresses where the roster has them (added in schema version 1: older events carry none).
 * {@code rule} is the routing rule that decided (or the owned account) and {@code skipped} how
 * many candidates were passed over (added later: older events carry neither). {@code segment} is the
 * lead's size segment (SMB, MID_MARKET, ENTERPRISE) as routing saw it, for the SLA policy to pick its
 * clocks (added later). {@code dueAt} was routing's own first-touch window; the SLA policy owns the
 * windows now and announces the due time in {@link SlaDueTimeSet}: null from then on.
 */
public record LeadAssigned(
        @NotNull UUID leadId,
        @NotNull UUID assignmentId,
        @NotBlank String owner,
        String manager,
        String team,
        @NotNull Priority priority,
        @NotNull Instant assignedAt,
        Instant dueAt,
        String ownerEmail,
        String managerEmail,
        String rule,
        Integer skipped,
        String segment) {

    public LeadAssigned(UUID leadId, UUID assignmentId, String owner, String manager, String team, Priority priority,
            Instant assignedAt, Instant dueAt, String ownerEmail, String managerEmail, String rule, Integer skipped) {
        this(leadId, assignmentId, owner, manager, team, priority, assignedAt, dueAt, ownerEmail, managerEmail, rule, skipped,
                null);
    }

    public LeadAssigned(UUID leadId, UUID assignmentId, String owner, String manager, String team, Priority priority,
            Instant assignedAt, Instant dueAt, String ownerEmail, String managerEmail) {
        this(leadId, assignmentId, owner, manager, team, priority, assignedAt, dueAt, ownerEmail, managerEmail, null, null,
                null);
    }

    public LeadAssigned(UUID leadId, UUID assignmentId, String owner, String manager, String team, Priority priority,
            Instant assignedAt, Instant dueAt) {
        this(leadId, assignmentId, owner, manager, team, priority, assignedAt, dueAt, null, null, null, null, null);
    }
}
