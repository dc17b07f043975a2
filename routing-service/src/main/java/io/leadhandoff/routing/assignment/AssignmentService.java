package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.RoutingConfig;
import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.RepDeparted;
import io.leadhandoff.routing.roster.Team;
import io.leadhandoff.routing.rule.LeadFacts;
import io.leadhandoff.routing.rule.LiveRoster;
import io.leadhandoff.routing.rule.Queue;
import io.leadhandoff.routing.rule.Router;
import io.leadhandoff.routing.rule.RuleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Gives MQLs an owner through the {@link Router}: owned accounts first, then the ordered rules,
 * then the pool's weighted round robin; or a queue. Each decision is kept with the assignment
 * (rule, reason, every candidate passed over and why) along with the assignment's history.
 */
@ApplicationScoped
@Transactional
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);
    /** Who acts when routing itself decides. */
    static final String ROUTING = "routing";

    private final Outbox outbox;
    private final RoutingConfig config;
    private final InstantSource clock;
    private final AssignmentNotices notices;
    private final RuleService rules;
    private final EntityManager em;
    private final AssignmentHistory history;
    private final SalesTasks tasks;
    private final io.leadhandoff.common.notification.Notifications notifications;

    public AssignmentService(Outbox outbox, RoutingConfig config, InstantSource clock, AssignmentNotices notices,
            RuleService rules, EntityManager em, AssignmentHistory history, SalesTasks tasks,
            io.leadhandoff.common.notification.Notifications notifications) {
        this.tasks = tasks;
        this.notifications = notifications;
        this.history = history;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.notices = notices;
        this.rules = rules;
        this.em = em;
    }

    /** Routes an MQL, unless the lead is already on someone's desk or in a queue (then it keeps its place). */
    public Assignment assign(LeadQualified lead) {
        Optional<Assignment> open = Assignment.find("leadId = ?1 and status in ?2", lead.leadId(),
                List.of(Assignment.Status.ASSIGNED, Assignment.Status.QUEUED, Assignment.Status.ACCEPTED,
                        Assignment.Status.QUALIFIED)).firstResultOptional();
        if (open.isPresent()) {
            // already on a desk or in a queue: it is not routed again; a new MQL for it is news for its owner,
            // and what a queued lead shows (and is routed on when retried) is brought up to date
            Assignment known = open.get();
            if (known.ownerLogin != null) {
                notices.qualifiedAgain(known, lead);
            } else {
                known.priority = lead.priority();
                known.leadContext = context(lead);
                known.leadFacts = LeadFacts.of(lead);
            }
            return known;
        }
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.leadId = lead.leadId();
        a.priority = lead.priority();
        a.leadContext = context(lead);
        a.leadFacts = LeadFacts.of(lead);
        // until an owner is found, assignedAt is when the lead entered the queue (queue age)
        a.assignedAt = clock.instant();
        route(a, a.assignedAt, null, ROUTING, null);
        return a;
    }

    /**
     * An SLA escalation step asks for the lead to go to the next eligible rep (the policy's ladder
     * says when): it does, by the same rules, the breach as the reason, if the lead is still with the
     * owner who missed the step (and, for a first touch, still untouched). When nobody else can take
     * it, it stays with its owner (the history says so) rather than falling into a queue.
     */
    public void escalated(io.leadhandoff.common.event.SlaEscalated e) {
        if (!"REASSIGN".equals(e.action()) || e.owner() == null) {
            return;
        }
        Assignment a = em.find(Assignment.class, e.assignmentId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !e.owner().equals(a.ownerLogin) || !List.of(Assignment.Status.ASSIGNED,
                Assignment.Status.ACCEPTED, Assignment.Status.QUALIFIED).contains(a.status)
                || "FIRST_TOUCH".equals(e.kind()) && a.firstTouchAt != null) {
            return; // touched, decided or moved meanwhile: nothing to take away
        }
        Instant now = clock.instant();
        String reason = "SLA breached: " + e.kind().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " overdue since " + e.dueAt();
        LiveRoster roster = new LiveRoster(em, now);
        Router.Decision d = decide(a, roster, e.owner(), now);
        if (!d.assigned()) {
            history.record(a, now, "KEPT", ROUTING, reason + "; nobody else can take it: " + d.reason());
            return;
        }
        apply(a, d, roster, now, e.owner(), ROUTING, reason);
    }

    /**
     * The SLA policy set the due time of the assignment's first touch (at the start, on a move to a
     * new owner, on resuming): the assignment and its open first-touch task show it, unless the lead
     * has changed hands since (a newer announcement follows).
     */
    public void dueTimeSet(io.leadhandoff.common.event.SlaDueTimeSet e) {
        if (!"FIRST_TOUCH".equals(e.kind())) {
            return;
        }
        em.createNativeQuery("""
                update assignment set due_at = :due where id = :a and owner_login is not distinct from :owner""")
                .setParameter("due", e.dueAt()).setParameter("a", e.assignmentId()).setParameter("owner", e.owner())
                .executeUpdate();
        tasks.due(e.assignmentId(), e.owner(), e.dueAt());
    }

    /**
     * Two leads were one person: the merged one's open assignment is closed (the survivor's stands,
     * or the survivor is routed on its own MQL), the reason kept.
     */
    public void merged(io.leadhandoff.common.event.LeadMerged e) {
        Instant now = clock.instant();
        List<Assignment> open = Assignment.list("leadId = ?1 and status in ?2", e.mergedId(), List.of(
                Assignment.Status.ASSIGNED, Assignment.Status.QUEUED, Assignment.Status.ACCEPTED, Assignment.Status.QUALIFIED));
        for (Assignment a : open) {
            tasks.cancel(a, now);
            a.status = Assignment.Status.CLOSED;
            a.closedAt = now;
            history.record(a, now, "CLOSED", ROUTING, "merged into lead " + e.leadId());
        }
    }

    /**
     * Scoring routed a lead elsewhere (an existing customer or partner, by a model rule or a sales
     * rejection): it waits in the customer success queue, unless it is already on a desk or in a queue.
     */
    public void routedElsewhere(io.leadhandoff.common.event.LeadLifecycleChanged e) {
        if (Assignment.count("leadId = ?1 and status in ?2", e.leadId(), List.of(Assignment.Status.ASSIGNED,
                Assignment.Status.QUEUED, Assignment.Status.ACCEPTED, Assignment.Status.QUALIFIED)) > 0) {
            return;
        }
        Instant now = clock.instant();
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.leadId = e.leadId();
        a.priority = Priority.WARM;
        a.leadContext = new LeadContext(null, null, null, null, null, e.source(), e.campaign(), 0, 0, 0, e.cause(),
                List.of(), List.of());
        a.leadFacts = Map.of();
        a.assignedAt = now;
        a.status = Assignment.Status.QUEUED;
        a.queue = Queue.CUSTOMER_SUCCESS;
        a.decision = new DecisionRecord(now, null, "Routed elsewhere by scoring: " + e.cause(), List.of());
        a.persist();
        history.record(a, now, "QUEUED", ROUTING, a.decision.reason());
        outbox.publish(a.leadId.toString(), new LeadQueued(a.leadId, a.id, Queue.CUSTOMER_SUCCESS.name(),
                a.decision.reason(), null, null, a.priority, now, null, null));
    }

    /**
     * Tries again to give an owner to leads waiting in the fallback queue (a rep may have become
     * eligible, or started work), oldest first, one batch; replicas share the work (SKIP LOCKED).
     *
     * @return how many it assigned
     */
    public int retryQueued(int batchSize) {
        @SuppressWarnings("unchecked")
        List<Assignment> queued = em.createNativeQuery("""
                select * from assignment where status = 'QUEUED' and queue = 'FALLBACK' order by assigned_at
                limit :n for update skip locked""", Assignment.class).setParameter("n", batchSize).getResultList();
        int assigned = 0;
        for (Assignment a : queued) {
            route(a, clock.instant(), null, ROUTING, null);
            if (a.status == Assignment.Status.ASSIGNED) {
                assigned++;
            }
        }
        return assigned;
    }

    /** A rep left: each of their open assignments is routed again at once, by the same rules, the reason recorded. */
    void departed(@Observes RepDeparted departed) {
        List<Assignment> open = Assignment.list("ownerLogin = ?1 and status in ?2 order by assignedAt", departed.login(),
                List.of(Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED, Assignment.Status.QUALIFIED));
        for (Assignment a : open) {
            route(a, clock.instant(), departed.login(), departed.actor(), departed.login() + " departed");
        }
        if (!open.isEmpty()) {
            LOG.infof("%s departed: %d open assignments routed again", departed.login(), open.size());
        }
    }

    /**
     * Decides where {@code a} goes as of {@code now} and applies it: owner, round-robin credits,
     * history, events, notices. {@code previousOwner} and {@code reason} when it changes hands.
     */
    private void route(Assignment a, Instant now, String previousOwner, String actor, String reason) {
        LiveRoster roster = new LiveRoster(em, now);
        apply(a, decide(a, roster, previousOwner, now), roster, now, previousOwner, actor, reason);
    }

    /** Where the rules send the assignment now; without {@code previousOwner} when it is handed back. */
    private Router.Decision decide(Assignment a, LiveRoster roster, String previousOwner, Instant now) {
        Map<String, Object> facts = a.leadFacts == null ? Map.of() : a.leadFacts;
        return Router.decide(facts, rules.compiled(), rules.ownerOf((String) facts.get("companyDomain")),
                previousOwner == null ? roster : without(roster, previousOwner), now);
    }

    private void apply(Assignment a, Router.Decision d, LiveRoster roster, Instant now, String previousOwner, String actor,
            String reason) {
        boolean fresh = a.status == null;
        a.ruleName = d.rule();
        a.decision = new DecisionRecord(now, d.rule(), reason == null ? d.reason() : reason + ": " + d.reason(), d.skipped());
        Optional<Team> team = d.team() == null ? Optional.empty() : Team.find("name", d.team()).firstResultOptional();
        a.teamName = team.map(t -> t.name).orElse(a.teamName);
        a.managerLogin = team.map(t -> t.managerLogin).orElse(a.managerLogin);
        String managerEmail = team.map(t -> t.managerEmail).orElse(null);
        if (!d.assigned()) {
            boolean wasQueued = a.status == Assignment.Status.QUEUED && a.queue == d.queue();
            if (a.ownerLogin != null) {
                tasks.cancel(a, now);
            }
            a.status = Assignment.Status.QUEUED;
            a.queue = d.queue();
            a.ownerLogin = null;
            if (fresh) {
                a.persist();
            }
            if (!wasQueued) {
                LOG.infof("Lead %s queued in %s: %s", a.leadId, d.queue(), d.reason());
                history.record(a, now, "QUEUED", actor, a.decision.reason());
                outbox.publish(a.leadId.toString(), new LeadQueued(a.leadId, a.id, d.queue().name(), a.decision.reason(),
                        a.managerLogin, a.teamName, a.priority, a.assignedAt, managerEmail, a.segment()));
            }
            return;
        }
        Rep owner = roster.loaded(d.owner());
        d.credits().forEach((login, credit) -> {
            Rep r = roster.loaded(login);
            if (r != null) {
                r.rrCredit = credit;
            }
        });
        boolean fromQueue = a.status == Assignment.Status.QUEUED;
        // a lead sales accepted or qualified stays so with its new owner
        if (a.status != Assignment.Status.ACCEPTED && a.status != Assignment.Status.QUALIFIED) {
            a.status = Assignment.Status.ASSIGNED;
        }
        a.queue = null;
        a.ownerLogin = owner.login;
        a.assignedAt = now;
        a.dueAt = null; // the SLA policy sets it (SlaDueTimeSet)
        Team ownerTeam = team.orElse(owner.team);
        if (fresh) {
            a.persist();
        }
        if (previousOwner == null) {
            history.record(a, now, "ASSIGNED", actor, a.decision.reason());
            outbox.publish(a.leadId.toString(), new LeadAssigned(a.leadId, a.id, a.ownerLogin, a.managerLogin, a.teamName,
                    a.priority, now, a.dueAt, owner.email, managerEmail, d.rule(), d.skipped().size(), a.segment()));
        } else {
            history.record(a, now, "REASSIGNED", actor, a.decision.reason());
            outbox.publish(a.leadId.toString(), new LeadReassigned(a.leadId, a.id, previousOwner, owner.login,
                    a.managerLogin, a.teamName, a.priority, reason, actor, now, a.dueAt, owner.email, managerEmail, d.rule()));
        }
        if (fromQueue) {
            LOG.debugf("Lead %s left the queue for %s", a.leadId, owner.login);
        }
        tasks.owned(a, now);
        notices.assigned(a, owner, ownerTeam);
    }

    /**
     * A manager (of the assignment's team) or an admin hands an assignment to {@code owner}, or, with
     * no owner named, lets the rules choose someone other than the current owner; a queued lead is
     * claimed the same way. The reason is kept in the history and the event.
     */
    public AssignmentView reassign(UUID id, String owner, String reason, Dispositions.Actor actor) {
        Assignment a = em.find(Assignment.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("No assignment " + id);
        }
        if (!actor.admin() && !manages(actor.login(), a)) {
            throw ProblemException.forbidden("Assignment " + id + " is not in a team you manage: its manager or an admin reassigns");
        }
        if (a.status != Assignment.Status.ASSIGNED && a.status != Assignment.Status.ACCEPTED
                && a.status != Assignment.Status.QUEUED) {
            throw ProblemException.conflict("Assignment " + id + " is " + a.status + ": only an open or queued lead is reassigned");
        }
        Instant now = clock.instant();
        String previous = a.ownerLogin;
        if (owner == null) {
            route(a, now, previous, actor.login(), reason);
            return AssignmentView.of(a);
        }
        Optional<Rep> named = Rep.<Rep>find("login", owner).firstResultOptional();
        if (named.isEmpty() && owner.equals(actor.login())) {
            return claim(a, actor, reason, now);
        }
        Rep rep = named.orElseThrow(() -> ProblemException.unprocessable(
                "No rep with login " + owner, List.of(new io.leadhandoff.common.error.Problem.Violation("owner", "not in the roster"))));
        if (rep.departed()) {
            throw ProblemException.unprocessable(owner + " departed", List.of(
                    new io.leadhandoff.common.error.Problem.Violation("owner", "departed")));
        }
        if (!actor.admin() && !actor.login().equals(rep.team.managerLogin) && !actor.login().equals(owner)) {
            throw ProblemException.forbidden(owner + " is in team " + rep.team.name + ", which you do not manage");
        }
        a.ownerLogin = rep.login;
        a.teamName = rep.team.name;
        a.managerLogin = rep.team.managerLogin;
        if (a.status == Assignment.Status.QUEUED) {
            a.status = Assignment.Status.ASSIGNED;
        }
        a.queue = null;
        a.assignedAt = now;
        a.dueAt = null; // the SLA policy sets it (SlaDueTimeSet)
        a.ruleName = "manual";
        a.decision = new DecisionRecord(now, "manual", actor.login() + ": " + reason, List.of());
        if (previous == null) {
            history.record(a, now, "ASSIGNED", actor.login(), reason);
            outbox.publish(a.leadId.toString(), new LeadAssigned(a.leadId, a.id, a.ownerLogin, a.managerLogin, a.teamName,
                    a.priority, now, a.dueAt, rep.email, rep.team.managerEmail, "manual", 0, a.segment()));
        } else {
            history.record(a, now, "REASSIGNED", actor.login(), reason);
            outbox.publish(a.leadId.toString(), new LeadReassigned(a.leadId, a.id, previous, a.ownerLogin, a.managerLogin,
                    a.teamName, a.priority, reason, actor.login(), now, a.dueAt, rep.email, rep.team.managerEmail, "manual"));
        }
        tasks.owned(a, now);
        notices.assigned(a, rep, rep.team);
        return AssignmentView.of(a);
    }

    /** A manager (who is not a rep) takes a queued lead herself. */
    private AssignmentView claim(Assignment a, Dispositions.Actor actor, String reason, Instant now) {
        if (a.status != Assignment.Status.QUEUED) {
            throw ProblemException.conflict("Assignment " + a.id + " is " + a.status + ": a manager claims queued leads;"
                    + " name a rep to hand it over");
        }
        Optional<Team> team = Team.find("managerLogin = ?1 order by name", actor.login()).firstResultOptional();
        a.ownerLogin = actor.login();
        a.managerLogin = actor.login();
        a.teamName = team.map(t -> t.name).orElse(a.teamName);
        a.status = Assignment.Status.ASSIGNED;
        a.queue = null;
        a.assignedAt = now;
        a.dueAt = null; // the SLA policy sets it (SlaDueTimeSet)
        a.ruleName = "claimed";
        a.decision = new DecisionRecord(now, "claimed", actor.login() + " claimed it: " + reason, List.of());
        history.record(a, now, "ASSIGNED", actor.login(), "claimed: " + reason);
        outbox.publish(a.leadId.toString(), new LeadAssigned(a.leadId, a.id, a.ownerLogin, a.managerLogin, a.teamName,
                a.priority, now, a.dueAt, null, team.map(t -> t.managerEmail).orElse(null), "claimed", 0, a.segment()));
        tasks.owned(a, now);
        return AssignmentView.of(a);
    }

    /** A queue's waiting leads, oldest first, as the caller may see them (a manager: their teams' and unrouted ones). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<QueueItem> queue(Queue queue, String managerLogin, int limit) {
        Instant now = clock.instant();
        String scope = managerLogin == null ? ""
                : " and (teamName is null or managerLogin = :manager or teamName in (select t.name from Team t where t.managerLogin = :manager))";
        var query = Assignment.<Assignment>find("status = :status and queue = :queue" + scope + " order by assignedAt, id",
                managerLogin == null ? io.quarkus.panache.common.Parameters.with("status", Assignment.Status.QUEUED).and("queue", queue)
                        : io.quarkus.panache.common.Parameters.with("status", Assignment.Status.QUEUED).and("queue", queue)
                                .and("manager", managerLogin));
        return query.page(0, limit).stream().map(a -> new QueueItem(AssignmentView.of(a),
                java.time.Duration.between(a.assignedAt, now).toSeconds(), a.decision == null ? null : a.decision.reason()))
                .toList();
    }

    /** A lead waiting in a queue: the assignment, how long it has waited (seconds) and why it is there. */
    public record QueueItem(AssignmentView assignment, long ageSeconds, String reason) {
    }

    private static boolean manages(String login, Assignment a) {
        // a lead no rule routed to a team waits for whichever manager takes it
        return a.managedBy(login) || (a.teamName == null && a.status == Assignment.Status.QUEUED);
    }

    /** The roster without one rep (the one handing the lead back). */
    private static Router.Roster without(LiveRoster roster, String login) {
        return new Router.Roster() {
            @Override
            public Optional<Router.Pool> pool(String team) {
                return roster.pool(team).map(p -> new Router.Pool(p.team(), p.queueOutsideHours(),
                        p.reps().stream().filter(c -> !c.login().equals(login)).toList()));
            }

            @Override
            public Optional<io.leadhandoff.routing.rule.Candidate> rep(String l) {
                return l.equals(login) ? Optional.empty() : roster.rep(l);
            }
        };
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentView> search(UUID leadId, String managerLogin, int limit) {
        // the manager's scope is part of the query: filtering a page afterwards would hide part of the team's leads
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (leadId != null) {
            where.append(" and leadId = :lead");
            params.put("lead", leadId);
        }
        if (managerLogin != null) {
            // the teams they manage now (a new manager sees the team's earlier leads), and what was assigned under them
            where.append(" and (managerLogin = :manager or teamName in (select t.name from Team t where t.managerLogin = :manager))");
            params.put("manager", managerLogin);
        }
        return Assignment.<Assignment>find(where + " order by assignedAt desc, id", params).page(0, limit).stream()
                .map(AssignmentView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentView> ownedBy(String login) {
        return Assignment.<Assignment>find("ownerLogin = ?1 order by assignedAt desc", login).page(0, 200)
                .stream().map(AssignmentView::of).toList();
    }

    /** One assignment, if the caller may read it: its owner, its team's manager, or anyone with {@code readsAll}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AssignmentView get(UUID id, String caller, boolean readsAll) {
        Assignment a = readable(id, caller, readsAll);
        // the notices about this assignment (its causes name it), whatever lead they are about
        List<io.leadhandoff.common.notification.NotificationView> notices = notifications.list(a.leadId.toString(), null, 100)
                .stream().filter(n -> n.cause().contains("/" + a.id + "/")).toList();
        return AssignmentView.detailed(a, tasks.of(a.id), notices);
    }

    /** Why the assignment is where it is, and what happened to it so far. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AssignmentExplanation explain(UUID id, String caller, boolean readsAll) {
        Assignment a = readable(id, caller, readsAll);
        List<AssignmentExplanation.Step> history = this.history.of(id);
        return new AssignmentExplanation(a.id, a.leadId, a.ownerLogin, a.teamName, a.queue == null ? null : a.queue.name(),
                a.decision, a.leadFacts, history);
    }

    private static Assignment readable(UUID id, String caller, boolean readsAll) {
        Assignment a = Assignment.<Assignment>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No assignment " + id));
        if (!readsAll && !caller.equals(a.ownerLogin) && !a.managedBy(caller)) {
            throw ProblemException.forbidden("Assignment " + id + " belongs to another rep");
        }
        return a;
    }

    private static LeadContext context(LeadQualified l) {
        String name = Stream.of(l.firstName(), l.lastName()).filter(s -> s != null && !s.isBlank())
                .reduce((x, y) -> x + " " + y).orElse(null);
        return new LeadContext(l.email(), name, l.jobTitle(), l.companyName(), l.country(), l.source(), l.campaign(),
                l.fitScore(), l.intentScore(), l.totalScore(), l.reason(),
                l.breakdown().stream().map(b -> (b.points() > 0 ? "+" : "") + b.points() + " " + b.detail()).toList(),
                l.lastTouches().stream().map(t -> new LeadContext.Touch(t.type(), t.url(), t.occurredAt(), t.properties()))
                        .toList());
    }
}
