package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.notification.NotificationRequest;
import io.leadhandoff.common.notification.Notifications;
import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.Team;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a rep a lead is theirs, with what they need to open the conversation (who, why MQL, what
 * they did), by e-mail, and the team's channel if it has a webhook. Recorded in the assignment's
 * transaction: a rolled-back assignment notifies nobody, a committed one notifies once.
 */
@ApplicationScoped
public class AssignmentNotices {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leadAssigned(Assignment assignment, LeadContext lead, Rep rep);

        static native TemplateInstance leadAssignedChannel(Assignment assignment, LeadContext lead, Rep rep);
    }

    private final Notifications notifications;

    public AssignmentNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    /** A lead already on a rep's desk qualified again: the owner hears it, with why (once per qualification). */
    void qualifiedAgain(Assignment a, io.leadhandoff.common.event.LeadQualified lead) {
        Rep owner = Rep.<Rep>find("login", a.ownerLogin).firstResultOptional().orElse(null);
        if (owner == null || owner.email == null) {
            return;
        }
        String who = a.leadContext.company() != null ? a.leadContext.company() : a.leadContext.email();
        notifications.recordAll(List.of(NotificationRequest.email("lead-qualified-again/" + a.id + "/" + lead.qualifiedAt(),
                a.leadId.toString(), owner.email, "Your lead " + who + " qualified again (" + lead.priority() + ")",
                "Your lead " + who + " (" + lead.email() + ") qualified again: " + lead.reason() + ".\n"
                        + "It stays yours: assignment " + a.id + ".\n")));
    }

    void assigned(Assignment a, Rep owner, Team team) {
        String cause = "lead-assigned/" + a.id + "/" + owner.login;
        String about = a.leadId.toString();
        String who = a.leadContext.company() != null ? a.leadContext.company()
                : a.leadContext.name() != null ? a.leadContext.name() : a.leadContext.email();
        String title = a.priority + " lead assigned to you: " + who;
        List<NotificationRequest> requests = new ArrayList<>(2);
        if (owner.email != null) {
            requests.add(NotificationRequest.email(cause, about, owner.email, title,
                    Templates.leadAssigned(a, a.leadContext, owner).render()));
        }
        if (owner.webhookUrl != null) {
            requests.add(NotificationRequest.webhook(cause, about, owner.webhookUrl, title,
                    Templates.leadAssignedChannel(a, a.leadContext, owner).render()));
        }
        if (team.webhookUrl != null) {
            requests.add(NotificationRequest.webhook(cause, about, team.webhookUrl,
                    a.priority + " lead for " + owner.displayName + ": " + who,
                    Templates.leadAssignedChannel(a, a.leadContext, owner).render()));
        }
        notifications.recordAll(requests);
    }
}
