package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.notification.NotificationView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An assignment as its readers see it. Read one by one, it also carries its sales tasks and the
 * notices sent about it (channel, recipient, status, attempts); lists leave those out (null).
 */
public record AssignmentView(UUID id, UUID leadId, String owner, String manager, String team, Priority priority,
        Assignment.Status status, String queue, Instant assignedAt, Instant dueAt, Instant firstTouchAt, String rule,
        LeadContext lead, List<SalesTasks.Task> tasks, List<Notice> notifications, Instant onHoldSince,
        String onHoldReason) {

    /** A notice about the assignment, without its body. */
    public record Notice(String channel, String recipient, String title, NotificationView.Status status, int attempts,
            String lastError, Instant sentAt) {
    }

    static AssignmentView of(Assignment a) {
        return detailed(a, null, null);
    }

    static AssignmentView detailed(Assignment a, List<SalesTasks.Task> tasks, List<NotificationView> notices) {
        return new AssignmentView(a.id, a.leadId, a.ownerLogin, a.managerLogin, a.teamName, a.priority, a.status,
                a.queue == null ? null : a.queue.name(), a.assignedAt, a.dueAt, a.firstTouchAt, a.ruleName, a.leadContext,
                tasks, notices == null ? null : notices.stream().map(n -> new Notice(n.channel().name(), n.recipient(),
                        n.title(), n.status(), n.attempts(), n.lastError(), n.sentAt())).toList(), a.onHoldSince,
                a.onHoldReason);
    }
}
