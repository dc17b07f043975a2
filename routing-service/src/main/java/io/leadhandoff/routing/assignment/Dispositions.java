package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.FirstTouchLogged;
import io.leadhandoff.common.event.LeadAccepted;
import io.leadhandoff.common.event.LeadOutcomeRecorded;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.LeadSalesQualified;
import io.leadhandoff.common.event.RejectionReason;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.rule.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What sales does with an assignment: log a touch, accept (SAL), qualify (SQL, with BANT), reject
 * with a reason from the fixed list, record the outcome. Only the owner, the team's manager or an
 * admin acts; a step that does not follow from the assignment's state is a 409 saying why. Each
 * step is kept in the assignment's history and announced (scoring moves the lifecycle stage).
 */
@ApplicationScoped
@Transactional
public class Dispositions {

    /** Who acts. */
    public record Actor(String login, boolean admin) {
    }

    public record Accept(@jakarta.validation.constraints.Size(max = 2000) String note) {
    }

    public record Reject(RejectionReason reason, @jakarta.validation.constraints.Size(max = 2000) String note,
            UUID duplicateOf) {
    }

    public enum Channel { CALL, EMAIL, MEETING }

    public record Touch(@jakarta.validation.constraints.NotNull Channel channel,
            @jakarta.validation.constraints.Size(max = 2000) String note, Instant at) {
    }

    public record Outcome(@jakarta.validation.constraints.NotNull LeadOutcomeRecorded.Outcome outcome,
            @jakarta.validation.constraints.Size(max = 2000) String note) {
    }

    public record Hold(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 500) String reason) {
    }

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final EntityManager em;
    private final Outbox outbox;
    private final InstantSource clock;
    private final AssignmentHistory history;
    private final SalesTasks tasks;

    public Dispositions(EntityManager em, Outbox outbox, InstantSource clock, AssignmentHistory history, SalesTasks tasks) {
        this.tasks = tasks;
        this.history = history;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    public AssignmentView accept(UUID id, Accept request, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED), "accepted");
        Instant now = clock.instant();
        a.status = Assignment.Status.ACCEPTED;
        a.acceptedAt = now;
        String note = request == null ? null : request.note();
        history(a, now, "ACCEPTED", actor.login(), note);
        outbox.publish(a.leadId.toString(), new LeadAccepted(a.leadId, a.id, a.ownerLogin, a.managerLogin, a.teamName,
                a.priority, actor.login(), note, a.assignedAt, now, a.ruleName));
        return AssignmentView.of(a);
    }

    /**
     * The owner waits on the prospect (an answer, a budget owner back from leave): the lead is on hold,
     * and the clocks the SLA policy pauses on it stop counting until it is taken off hold.
     */
    public AssignmentView hold(UUID id, Hold request, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED,
                Assignment.Status.QUALIFIED), "put on hold");
        if (a.onHoldSince != null) {
            throw ProblemException.conflict("Assignment " + id + " is on hold already (since " + a.onHoldSince + ": "
                    + a.onHoldReason + ")");
        }
        Instant now = clock.instant();
        a.onHoldSince = now;
        a.onHoldReason = request.reason();
        history(a, now, "ON_HOLD", actor.login(), request.reason());
        outbox.publish(a.leadId.toString(), new io.leadhandoff.common.event.LeadPutOnHold(a.leadId, a.id, a.ownerLogin,
                request.reason(), actor.login(), now));
        return AssignmentView.of(a);
    }

    /** The wait is over: the paused clocks count again from now. */
    public AssignmentView resume(UUID id, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED,
                Assignment.Status.QUALIFIED), "taken off hold");
        if (a.onHoldSince == null) {
            throw ProblemException.conflict("Assignment " + id + " is not on hold");
        }
        Instant now = clock.instant();
        history(a, now, "OFF_HOLD", actor.login(), "on hold since " + a.onHoldSince + ": " + a.onHoldReason);
        a.onHoldSince = null;
        a.onHoldReason = null;
        outbox.publish(a.leadId.toString(), new io.leadhandoff.common.event.LeadTakenOffHold(a.leadId, a.id, a.ownerLogin,
                actor.login(), now));
        return AssignmentView.of(a);
    }

    public AssignmentView qualify(UUID id, LeadSalesQualified.Bant bant, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED), "qualified");
        Instant now = clock.instant();
        if (a.status == Assignment.Status.ASSIGNED) {
            // qualifying implies accepting: the SAL step is recorded on the way
            accept(id, new Accept("accepted when qualified"), actor);
        }
        a.status = Assignment.Status.QUALIFIED;
        a.qualifiedAt = now;
        a.bant = bant;
        history(a, now, "QUALIFIED", actor.login(), "budget: " + bant.budget() + "; authority: " + bant.authority()
                + "; need: " + bant.need() + "; timeline: " + bant.timeline());
        outbox.publish(a.leadId.toString(), new LeadSalesQualified(a.leadId, a.id, a.ownerLogin, a.managerLogin,
                a.teamName, a.priority, bant, actor.login(), a.assignedAt, now));
        return AssignmentView.of(a);
    }

    public AssignmentView reject(UUID id, Reject request, Actor actor) {
        if (request == null || request.reason() == null) {
            throw new ProblemException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "A reason is mandatory: one of "
                    + java.util.Arrays.toString(RejectionReason.values()),
                    List.of(new Problem.Violation("reason", "is required")));
        }
        if (request.reason() == RejectionReason.OTHER && (request.note() == null || request.note().isBlank())) {
            throw ProblemException.unprocessable("OTHER needs a note saying why",
                    List.of(new Problem.Violation("note", "is required when the reason is OTHER")));
        }
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED), "rejected");
        if (request.duplicateOf() != null && request.duplicateOf().equals(a.leadId)) {
            throw ProblemException.unprocessable("A lead cannot duplicate itself",
                    List.of(new Problem.Violation("duplicateOf", "is this assignment's own lead")));
        }
        Instant now = clock.instant();
        String owner = a.ownerLogin;
        java.util.List<Record> events = new java.util.ArrayList<>();
        a.rejectionReason = request.reason();
        a.rejectionNote = request.note();
        tasks.cancel(a, now);
        history(a, now, "REJECTED", actor.login(), request.reason() + (request.note() == null ? "" : ": " + request.note()));
        if (request.reason() == RejectionReason.INSUFFICIENT_DATA) {
            // not a dead end: it waits for enrichment, then a manager hands it out again
            a.status = Assignment.Status.QUEUED;
            a.queue = Queue.ENRICHMENT;
            a.ownerLogin = null;
            history(a, now, "QUEUED", actor.login(), "to " + Queue.ENRICHMENT + " after rejection: insufficient data");
            // announced like any queued lead: its manager's clock runs, reports count the queue
            events.add(new io.leadhandoff.common.event.LeadQueued(a.leadId, a.id, Queue.ENRICHMENT.name(),
                    "Rejected for insufficient data" + (request.note() == null ? "" : ": " + request.note()), a.managerLogin,
                    a.teamName, a.priority, now, null));
        } else {
            a.status = Assignment.Status.REJECTED;
            a.closedAt = now;
        }
        // the rejection first, then the queue it went to (SLA stops the rep's clocks, then starts the manager's)
        events.add(0, new LeadRejected(a.leadId, a.id, owner, a.managerLogin, a.teamName, a.priority,
                request.reason(), request.note(), request.duplicateOf(), actor.login(), a.assignedAt, now, a.ruleName));
        events.forEach(e -> outbox.publish(a.leadId.toString(), e));
        return AssignmentView.of(a);
    }

    public AssignmentView touch(UUID id, Touch request, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED,
                Assignment.Status.QUALIFIED), "touched");
        Instant now = clock.instant();
        Instant at = request.at() == null ? now : request.at();
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW)) || at.isBefore(a.assignedAt)) {
            throw ProblemException.unprocessable("at must lie between the assignment (" + a.assignedAt + ") and now",
                    List.of(new Problem.Violation("at", "outside the assignment's life")));
        }
        history(a, at, "TOUCHED", actor.login(), request.channel() + (request.note() == null ? "" : ": " + request.note()));
        if (a.firstTouchAt == null) {
            a.firstTouchAt = at;
            tasks.done(a, at);
            outbox.publish(a.leadId.toString(), new FirstTouchLogged(a.leadId, a.id, a.ownerLogin, a.managerLogin,
                    a.teamName, a.priority, request.channel().name(), request.note(), a.assignedAt, at));
        }
        return AssignmentView.of(a);
    }

    public AssignmentView outcome(UUID id, Outcome request, Actor actor) {
        Assignment a = actable(id, actor, EnumSet.of(Assignment.Status.QUALIFIED), "given an outcome");
        if (a.outcome == LeadOutcomeRecorded.Outcome.OPPORTUNITY && request.outcome() == LeadOutcomeRecorded.Outcome.OPPORTUNITY) {
            throw ProblemException.conflict("Assignment " + id + " is already an opportunity");
        }
        Instant now = clock.instant();
        a.outcome = request.outcome();
        if (request.outcome() != LeadOutcomeRecorded.Outcome.OPPORTUNITY) {
            a.status = Assignment.Status.CLOSED;
            a.closedAt = now;
            tasks.cancel(a, now);
        }
        history(a, now, request.outcome().name(), actor.login(), request.note());
        outbox.publish(a.leadId.toString(), new LeadOutcomeRecorded(a.leadId, a.id, a.ownerLogin, a.managerLogin,
                a.teamName, request.outcome(), request.note(), actor.login(), now));
        return AssignmentView.of(a);
    }

    /**
     * The assignment, locked, if {@code actor} may act on it (its owner, its team's manager, an
     * admin) and its state allows {@code verb}.
     */
    private Assignment actable(UUID id, Actor actor, Set<Assignment.Status> from, String verb) {
        Assignment a = em.find(Assignment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("No assignment " + id);
        }
        if (!mayAct(a, actor)) {
            throw ProblemException.forbidden("Assignment " + id + " is not yours to act on: its owner, the team's"
                    + " manager or an admin acts");
        }
        if (!from.contains(a.status)) {
            throw ProblemException.conflict("Assignment " + id + " is " + a.status + ": it cannot be " + verb
                    + " (it can be from " + from + ")");
        }
        return a;
    }

    static boolean mayAct(Assignment a, Actor actor) {
        return actor.admin() || actor.login().equals(a.ownerLogin) || a.managedBy(actor.login());
    }

    private void history(Assignment a, Instant at, String action, String actor, String reason) {
        history.record(a, at, action, actor, reason);
    }
}
