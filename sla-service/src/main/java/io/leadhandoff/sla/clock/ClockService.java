package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class ClockService {

    private final EntityManager em;
    private final Outbox outbox;
    private final SlaConfig config;

    public ClockService(EntityManager em, Outbox outbox, SlaConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Starts the first-touch clock of an assignment, counted from the moment of assignment. The
     * unique (assignment, kind) key makes it once only, however often the assignment is announced;
     * one statement, no read first (the inbox applies hundreds of these per transaction).
     */
    public void startFirstTouch(LeadAssigned assigned) {
        // a lead assigned out of the fallback queue: the manager's clock has been met
        em.createNativeQuery("""
                update sla_clock set status = 'MET', met_at = :at
                where assignment_id = :assignment and kind = 'QUEUED' and status = 'OPEN'""")
                .setParameter("at", assigned.assignedAt()).setParameter("assignment", assigned.assignmentId())
                .executeUpdate();
        start(assigned.leadId(), assigned.assignmentId(), SlaClock.Kind.FIRST_TOUCH, assigned.owner(),
                assigned.manager(), assigned.priority(), assigned.assignedAt());
    }

    /**
     * A lead nobody could be given waits in a queue: its manager gets the first-touch window to
     * assign it, so a queued lead is as visible (and as breachable) as an assigned one.
     */
    public void startQueued(LeadQueued queued) {
        start(queued.leadId(), queued.assignmentId(), SlaClock.Kind.QUEUED, null, queued.manager(), queued.priority(),
                queued.queuedAt());
    }

    private void start(UUID leadId, UUID assignmentId, SlaClock.Kind kind, String owner, String manager,
            Priority priority, Instant startedAt) {
        Instant due = startedAt.plus(priority == Priority.HOT ? config.firstTouch().hot() : config.firstTouch().other());
        em.createNativeQuery("""
                insert into sla_clock (id, lead_id, assignment_id, kind, owner_login, manager_login, priority, status,
                                       started_at, due_at)
                values (:id, :lead, :assignment, :kind, :owner, :manager, :priority, :status, :started, :due)
                on conflict (assignment_id, kind) do nothing""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("lead", leadId)
                .setParameter("assignment", assignmentId)
                .setParameter("kind", kind.name())
                .setParameter("owner", owner)
                .setParameter("manager", manager)
                .setParameter("priority", priority.name())
                .setParameter("status", SlaClock.Status.OPEN.name())
                .setParameter("started", startedAt)
                .setParameter("due", due)
                .executeUpdate();
    }

    /**
     * Breaches one batch of overdue clocks. Rows are locked with SKIP LOCKED, so replicas share the
     * work and a clock fires once: its status change and its SlaBreached commit together.
     *
     * @return how many clocks it breached
     */
    public int breachOverdue(Instant now) {
        @SuppressWarnings("unchecked")
        List<SlaClock> overdue = em.createNativeQuery("""
                select * from sla_clock where status = 'OPEN' and due_at <= :now
                order by due_at limit :n for update skip locked""", SlaClock.class)
                .setParameter("now", now).setParameter("n", config.scanBatchSize()).getResultList();
        for (SlaClock clock : overdue) {
            clock.status = SlaClock.Status.BREACHED;
            clock.breachedAt = now;
            outbox.publish(clock.leadId.toString(), new SlaBreached(clock.leadId, clock.id, clock.kind.name(),
                    clock.ownerLogin, clock.managerLogin, clock.priority, clock.startedAt, clock.dueAt, now));
        }
        return overdue.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ClockView> ofLead(UUID leadId, String managerLogin) {
        // a manager sees the clocks of their team's leads: the scope is part of the query
        return (managerLogin == null ? SlaClock.<SlaClock>find("leadId = ?1 order by startedAt", leadId)
                : SlaClock.<SlaClock>find("leadId = ?1 and managerLogin = ?2 order by startedAt", leadId, managerLogin))
                .stream().map(ClockView::of).toList();
    }
}
