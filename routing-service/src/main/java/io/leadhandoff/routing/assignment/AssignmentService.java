package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.RoutingConfig;
import io.leadhandoff.routing.roster.Rep;
import io.leadhandoff.routing.roster.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

@ApplicationScoped
@Transactional
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);

    private final Outbox outbox;
    private final RoutingConfig config;
    private final InstantSource clock;
    private final AssignmentNotices notices;

    public AssignmentService(Outbox outbox, RoutingConfig config, InstantSource clock, AssignmentNotices notices) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.notices = notices;
    }

    /** Gives a qualified lead an owner by round robin among the team's active reps. */
    public Assignment assign(LeadQualified lead) {
        Optional<Assignment> existing = Assignment.find("leadId", lead.leadId()).firstResultOptional();
        if (existing.isPresent()) {
            // requalified or re-sent under a new event id: the lead keeps its owner
            return existing.get();
        }
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.leadId = lead.leadId();
        a.priority = lead.priority();
        a.leadContext = context(lead);
        // until an owner is found, assignedAt is when the lead entered the queue (queue age)
        a.assignedAt = clock.instant();
        route(a, a.assignedAt);
        a.persist();
        return a;
    }

    /**
     * Tries again to give an owner to leads waiting in the fallback queue (a rep may have become
     * eligible), oldest first, one batch; replicas share the work (SKIP LOCKED).
     *
     * @return how many it assigned
     */
    public int retryQueued(int batchSize) {
        @SuppressWarnings("unchecked")
        List<Assignment> queued = Assignment.getEntityManager().createNativeQuery("""
                select * from assignment where status = 'FALLBACK_QUEUE' order by assigned_at
                limit :n for update skip locked""", Assignment.class).setParameter("n", batchSize).getResultList();
        int assigned = 0;
        for (Assignment a : queued) {
            route(a, clock.instant());
            if (a.status == Assignment.Status.ASSIGNED) {
                assigned++;
            } else {
                break; // still nobody eligible: the rest would wait too
            }
        }
        return assigned;
    }

    /**
     * Round robin among the team's active reps, assigning as of {@code now}; the fallback queue
     * (announced once) when none is eligible.
     */
    private void route(Assignment a, Instant now) {
        Optional<Team> team = Team.<Team>find("order by name").withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        List<Rep> reps = team.map(Rep::activeIn).orElse(List.of());
        team.ifPresent(t -> {
            a.managerLogin = t.managerLogin;
            a.teamName = t.name;
        });
        if (reps.isEmpty()) {
            boolean wasQueued = a.status == Assignment.Status.FALLBACK_QUEUE;
            a.status = Assignment.Status.FALLBACK_QUEUE;
            if (!wasQueued) {
                LOG.warnf("No eligible rep for lead %s: fallback queue", a.leadId);
                outbox.publish(a.leadId.toString(), new LeadQueued(a.leadId, a.id, "FALLBACK",
                        team.map(t -> "No active rep in team " + t.name).orElse("No team to route to"),
                        a.managerLogin, a.teamName, a.priority, a.assignedAt, team.map(t -> t.managerEmail).orElse(null)));
            }
            return;
        }
        Team t = team.get();
        Rep owner = reps.get((int) (t.rrCursor % reps.size()));
        t.rrCursor++;
        a.status = Assignment.Status.ASSIGNED;
        a.assignedAt = now;
        a.ownerLogin = owner.login;
        a.dueAt = a.assignedAt.plus(a.priority == Priority.HOT ? config.taskDue().hot() : config.taskDue().other());
        outbox.publish(a.leadId.toString(), new LeadAssigned(a.leadId, a.id, a.ownerLogin, a.managerLogin,
                a.teamName, a.priority, a.assignedAt, a.dueAt, owner.email, t.managerEmail));
        notices.assigned(a, owner, t);
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
        Assignment a = Assignment.<Assignment>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No assignment " + id));
        if (!readsAll && !caller.equals(a.ownerLogin) && !caller.equals(a.managerLogin)) {
            throw ProblemException.forbidden("Assignment " + id + " belongs to another rep");
        }
        return AssignmentView.of(a);
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
