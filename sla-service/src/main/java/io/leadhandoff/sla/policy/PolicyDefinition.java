package io.leadhandoff.sla.policy;

import io.leadhandoff.common.event.Priority;
import io.leadhandoff.sla.clock.SlaClock;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An SLA policy: tiers by priority and segment, tried in order (the first that matches a lead's
 * assignment gives its clocks), each clock with its target, warning point, the events that start,
 * meet, stop, pause and resume it, and its escalation ladder.
 */
public record PolicyDefinition(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 50) List<@NotNull @Valid Tier> tiers) {

    /** Leads of these priorities and segments (empty: any) get these clocks. */
    public record Tier(
            @Size(max = 3) List<@NotNull Priority> priorities,
            @Size(max = 10) List<@NotBlank @Size(max = 50) String> segments,
            @NotNull @Size(max = 10) List<@NotNull @Valid ClockDefinition> clocks) {

        public boolean matches(Priority priority, String segment) {
            return (priorities == null || priorities.isEmpty() || priorities.contains(priority))
                    && (segments == null || segments.isEmpty() || segments.contains(segment));
        }

        public Optional<ClockDefinition> clock(SlaClock.Kind kind) {
            return clocks.stream().filter(c -> c.kind() == kind).findFirst();
        }
    }

    /**
     * One clock: {@code target} in business time in the owner's calendar (wall time when
     * {@code wallTime}); it warns at {@code warningAt} of its target (0.75 when not given).
     */
    public record ClockDefinition(
            @NotNull SlaClock.Kind kind,
            @NotNull Duration target,
            Double warningAt,
            boolean wallTime,
            @NotNull @Size(max = 10) List<@NotBlank String> startOn,
            @Size(max = 10) List<@NotBlank String> metOn,
            @Size(max = 10) List<@NotBlank String> stopOn,
            @Size(max = 10) List<@NotBlank String> pauseOn,
            @Size(max = 10) List<@NotBlank String> resumeOn,
            @Size(max = 10) List<@NotNull @Valid EscalationStep> escalation) {

        public double warningShare() {
            return warningAt == null ? 0.75 : warningAt;
        }

        public boolean startsOn(String event) {
            return startOn.contains(event);
        }

        public boolean metOn(String event) {
            return metOn != null && metOn.contains(event);
        }

        public boolean stopsOn(String event) {
            return stopOn != null && stopOn.contains(event);
        }

        public boolean pausesOn(String event) {
            return pauseOn != null && pauseOn.contains(event);
        }

        public boolean resumesOn(String event) {
            return resumeOn != null && resumeOn.contains(event);
        }

        public List<EscalationStep> ladder() {
            return escalation == null ? List.of() : escalation;
        }
    }

    /** What an escalation step does. */
    public enum Action { NOTIFY_REP, NOTIFY_MANAGER, REASSIGN, NOTIFY_ADDRESS }

    /**
     * A step of a breached clock's ladder, {@code after} the due time (in the clock's calendar):
     * NOTIFY_ADDRESS sends to {@code address} (e-mail) or {@code webhook} (a Slack-compatible URL).
     */
    public record EscalationStep(
            @NotNull Duration after,
            @NotNull Action action,
            @Size(max = 320) String address,
            @Size(max = 2000) String webhook) {
    }

    /** The first tier for this priority and segment, if any. */
    public Optional<Integer> tierFor(Priority priority, String segment) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).matches(priority, segment)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
