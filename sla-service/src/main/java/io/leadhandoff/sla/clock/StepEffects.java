package io.leadhandoff.sla.clock;

import io.leadhandoff.common.notification.NotificationRequest;
import io.leadhandoff.common.notification.Notifications;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.timer.TimerRequest;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.sla.alert.Alerts;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch of clock steps (warnings, breaches, escalation steps) produces, gathered and then
 * written with one statement per table: thousands of clocks may come due in a second.
 */
final class StepEffects {

    final List<Outbox.Pending> events = new ArrayList<>();
    final List<Alerts.Raised> alerts = new ArrayList<>();
    final List<NotificationRequest> notices = new ArrayList<>();
    final List<TimerRequest> timers = new ArrayList<>();

    void apply(Outbox outbox, Alerts alertTable, Notifications notifications, Timers timerTable) {
        outbox.publishAll(events);
        alertTable.raiseAll(alerts);
        if (!notices.isEmpty()) {
            notifications.recordAll(notices);
        }
        timerTable.scheduleAll(timers);
    }
}
