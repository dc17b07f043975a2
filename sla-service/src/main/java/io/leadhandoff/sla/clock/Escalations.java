package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.SlaEscalated;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.timer.TimerRequest;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.sla.alert.Alerts;
import io.leadhandoff.sla.calendar.BusinessCalendar;
import io.leadhandoff.sla.policy.PolicyDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A breached clock's escalation ladder: the steps at offset zero run in the breach's transaction,
 * later ones on the shared timers (keyed by clock, round and step, so each runs once); each step
 * notifies or asks routing to reassign, is kept as an alert and announced as SlaEscalated.
 */
@ApplicationScoped
public class Escalations {

    static final String KIND = "sla.escalate";

    /** A step's timer key: clock id / round / step. */
    record Key(UUID clockId, int round, int step) {

        static Key parse(String key) {
            String[] parts = key.split("/");
            return new Key(UUID.fromString(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        @Override
        public String toString() {
            return clockId + "/" + round + "/" + step;
        }
    }

    private final Timers timers;
    private final ClockNotices notices;

    public Escalations(Timers timers, ClockNotices notices) {
        this.timers = timers;
        this.notices = notices;
    }

    /** The clock just breached: its immediate steps now, the later ones at their offsets after the due time. */
    void ladder(SlaClock c, PolicyDefinition.ClockDefinition def, Instant now, Optional<BusinessCalendar> calendar,
            long elapsedSeconds, StepEffects effects) {
        List<PolicyDefinition.EscalationStep> steps = def.ladder();
        for (int i = 0; i < steps.size(); i++) {
            PolicyDefinition.EscalationStep step = steps.get(i);
            if (step.after().isZero()) {
                run(c, i, step, now, elapsedSeconds, effects);
            } else {
                // offsets count in the clock's calendar: a step 4 business hours after a Friday-evening breach is Monday's
                effects.timers.add(TimerRequest.of(KIND, new Key(c.id, c.round, i).toString(),
                        ClockService.plus(def.wallTime() ? Optional.empty() : calendar, c.dueAt, step.after())));
            }
        }
    }

    void run(SlaClock c, int index, PolicyDefinition.EscalationStep step, Instant now, long elapsedSeconds,
            StepEffects effects) {
        switch (step.action()) {
            case NOTIFY_REP -> notices.escalatedOwner(c, index).ifPresent(effects.notices::add);
            case NOTIFY_MANAGER -> notices.escalatedManager(c, index).ifPresent(effects.notices::add);
            case NOTIFY_ADDRESS -> effects.notices.add(notices.escalatedAddress(c, index, step.address(), step.webhook()));
            case REASSIGN -> {
                // routing consumes SlaEscalated with REASSIGN and hands the lead on, the breach as the reason
            }
        }
        effects.alerts.add(new Alerts.Raised(c, Alerts.Kind.ESCALATION, now, c.priority + " lead: "
                + ClockService.label(c.kind) + " overdue since " + c.dueAt + ", step " + (index + 1) + ": " + describe(step)
                + (c.ownerLogin == null ? "" : " (" + c.ownerLogin + ")"), index, step.action().name()));
        effects.events.add(new Outbox.Pending(c.leadId.toString(), new SlaEscalated(c.leadId, c.id, c.assignmentId,
                c.kind.name(), c.ownerLogin, c.managerLogin, c.teamName, c.priority, c.startedAt, c.dueAt,
                c.targetSeconds == null ? 0 : c.targetSeconds, elapsedSeconds, index, step.action().name(), now)));
    }

    /** The clock's pending steps of its current round (it was met late, moved, or restarted). */
    void cancel(SlaClock c, PolicyDefinition.ClockDefinition def) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < def.ladder().size(); i++) {
            if (!def.ladder().get(i).after().isZero()) {
                keys.add(new Key(c.id, c.round, i).toString());
            }
        }
        if (!keys.isEmpty()) {
            timers.cancelAll(KIND, keys);
        }
    }

    private static String describe(PolicyDefinition.EscalationStep step) {
        return switch (step.action()) {
            case NOTIFY_REP -> "the rep told";
            case NOTIFY_MANAGER -> "the manager told";
            case REASSIGN -> "handed to the next eligible rep";
            case NOTIFY_ADDRESS -> (step.address() != null ? step.address() : "the webhook") + " told";
        };
    }
}
