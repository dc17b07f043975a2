package io.leadhandoff.sla.clock;

import io.leadhandoff.common.notification.NotificationRequest;
import io.leadhandoff.common.notification.Notifications;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A breached clock reaches people, not just the event stream: its manager (who acts) and its owner
 * (who should have), by e-mail, recorded in the breach's transaction so each hears of it once.
 */
@ApplicationScoped
public class ClockNotices {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance breachedManager(SlaClock clock);

        static native TemplateInstance breachedOwner(SlaClock clock, String needs);
    }

    private final Notifications notifications;

    public ClockNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The owner (or, for a queued lead, the manager) hears that a clock is close to its due time. */
    void warned(SlaClock clock) {
        String to = clock.ownerEmail != null ? clock.ownerEmail : clock.managerEmail;
        if (to == null) {
            return;
        }
        String what = switch (clock.kind) {
            case QUEUED -> "is waiting unassigned";
            case FIRST_TOUCH -> "needs its first touch";
            case REVIEW_DECISION -> "needs your decision (accept or reject, with a reason)";
        };
        notifications.recordAll(List.of(NotificationRequest.email("sla-warning/" + clock.id, clock.leadId.toString(), to,
                "Due soon: your " + clock.priority + " lead " + what + " by " + clock.dueAt + " (UTC)",
                "The " + clock.priority + " lead " + clock.leadId + " " + what + " by " + clock.dueAt + " (UTC).\n"
                        + "Clocks of this lead: GET /api/v1/clocks?leadId=" + clock.leadId + "\n")));
    }

    void breached(SlaClock clock) {
        String cause = "sla-breached/" + clock.id;
        String about = clock.leadId.toString();
        String what = switch (clock.kind) {
            case QUEUED -> "waiting unassigned";
            case FIRST_TOUCH -> "first touch overdue";
            case REVIEW_DECISION -> "accept-or-reject decision overdue";
        };
        String needs = clock.kind == SlaClock.Kind.REVIEW_DECISION ? "your decision (accept or reject, with a reason)"
                : "its first touch";
        List<NotificationRequest> requests = new ArrayList<>(2);
        if (clock.managerEmail != null) {
            requests.add(NotificationRequest.email(cause, about, clock.managerEmail,
                    "SLA breached: " + clock.priority + " lead " + what
                            + (clock.ownerLogin != null ? " (" + clock.ownerLogin + ")" : ""),
                    Templates.breachedManager(clock).render()));
        }
        if (clock.ownerEmail != null) {
            requests.add(NotificationRequest.email(cause, about, clock.ownerEmail,
                    "Overdue: your " + clock.priority + " lead needs " + needs + " now",
                    Templates.breachedOwner(clock, needs).render()));
        }
        notifications.recordAll(requests);
    }
}
