package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A clock as read: its target, the calendar it counts in (none: wall-clock time), and the business
 * time elapsed and remaining as of now (or as of when it was met, breached, stopped or paused), the
 * policy version it follows, and its round (each restart for a new owner is one).
 */
public record ClockView(UUID id, UUID leadId, UUID assignmentId, SlaClock.Kind kind, String owner, String manager,
        Priority priority, SlaClock.Status status, Instant startedAt, Instant dueAt, Instant breachedAt, Instant metAt,
        String calendar, Long targetSeconds, long businessSecondsElapsed, Long businessSecondsRemaining, String team,
        Integer policyVersion, Instant pausedAt, int round, Instant resolvedAt) {

    static ClockView of(SlaClock c, Duration elapsed) {
        Long remaining = c.targetSeconds == null ? null : Math.max(0, c.targetSeconds - elapsed.toSeconds());
        return new ClockView(c.id, c.leadId, c.assignmentId, c.kind, c.ownerLogin, c.managerLogin, c.priority, c.status,
                c.startedAt, c.dueAt, c.breachedAt, c.metAt, c.calendarName, c.targetSeconds, elapsed.toSeconds(), remaining,
                c.teamName, c.policyVersion, c.pausedAt, c.round, c.resolvedAt);
    }
}
