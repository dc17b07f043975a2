package io.leadhandoff.sla.clock;

import io.leadhandoff.common.notification.NotificationRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A clock reaches people, not just the event stream: its owner before the due time (the warning),
 * and after a breach whoever the policy's ladder names (the owner, the manager, a further address),
 * recorded in the step's transaction (see StepEffects) so each hears of it once.
 */
@ApplicationScoped
public class ClockNotices {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance breachedManager(SlaClock clock, String what, int step);

        static native TemplateInstance breachedOwner(SlaClock clock, String needs, int step);
    }


    /** The owner (or, for a queued lead, the manager) hears that a clock is close to its due time. */
    Optional<NotificationRequest> warned(SlaClock clock) {
        String to = clock.ownerEmail != null ? clock.ownerEmail : clock.managerEmail;
        if (to == null) {
            return Optional.empty();
        }
        String what = clock.kind == SlaClock.Kind.QUEUED ? "is waiting unassigned" : "needs " + needs(clock.kind);
        return Optional.of(NotificationRequest.email("sla-warning/" + clock.id + "/" + clock.round,
                clock.leadId.toString(), to, "Due soon: your " + clock.priority + " lead " + what + " by " + clock.dueAt
                        + " (UTC)",
                "The " + clock.priority + " lead " + clock.leadId + " " + what + " by " + clock.dueAt + " (UTC).\n"
                        + "Clocks of this lead: GET /api/v1/clocks?leadId=" + clock.leadId + "\n"));
    }

    Optional<NotificationRequest> escalatedOwner(SlaClock clock, int step) {
        return Optional.ofNullable(clock.ownerEmail).map(to -> NotificationRequest.email(cause(clock, step),
                clock.leadId.toString(), to, "Overdue: your " + clock.priority + " lead needs " + needs(clock.kind) + " now",
                Templates.breachedOwner(clock, needs(clock.kind), step + 1).render()));
    }

    Optional<NotificationRequest> escalatedManager(SlaClock clock, int step) {
        return Optional.ofNullable(clock.managerEmail).map(to -> NotificationRequest.email(cause(clock, step),
                clock.leadId.toString(), to, title(clock), Templates.breachedManager(clock, what(clock.kind), step + 1)
                        .render()));
    }

    /** A further address the ladder names: an e-mail address or a Slack-compatible webhook. */
    NotificationRequest escalatedAddress(SlaClock clock, int step, String address, String webhook) {
        String body = Templates.breachedManager(clock, what(clock.kind), step + 1).render();
        return address != null
                ? NotificationRequest.email(cause(clock, step), clock.leadId.toString(), address, title(clock), body)
                : NotificationRequest.webhook(cause(clock, step), clock.leadId.toString(), webhook, title(clock), body);
    }

    private static String cause(SlaClock clock, int step) {
        return "sla-escalation/" + clock.id + "/" + clock.round + "/" + step;
    }

    private static String title(SlaClock clock) {
        return "SLA breached: " + clock.priority + " lead " + what(clock.kind)
                + (clock.ownerLogin != null ? " (" + clock.ownerLogin + ")" : "");
    }

    private static String what(SlaClock.Kind kind) {
        return switch (kind) {
            case QUEUED -> "waiting unassigned";
            case FIRST_TOUCH -> "first touch overdue";
            case REVIEW_DECISION -> "accept-or-reject decision overdue";
            case REJECTION_REASON -> "rejection reason overdue";
            case SQL_FOLLOW_UP -> "SQL follow-up overdue";
        };
    }

    private static String needs(SlaClock.Kind kind) {
        return switch (kind) {
            case QUEUED -> "an owner";
            case FIRST_TOUCH -> "its first touch";
            case REVIEW_DECISION -> "your decision (accept or reject, with a reason)";
            case REJECTION_REASON -> "the reason for your rejection";
            case SQL_FOLLOW_UP -> "its follow-up (an opportunity, or the outcome)";
        };
    }
}
