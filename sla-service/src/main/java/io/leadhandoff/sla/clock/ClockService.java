package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
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

    /** Starts the first-touch clock of an assignment, counted from the moment of assignment. */
    public void startFirstTouch(LeadAssigned assigned) {
        if (SlaClock.count("assignmentId = ?1 and kind = ?2", assigned.assignmentId(), SlaClock.Kind.FIRST_TOUCH) > 0) {
            return;
        }
        SlaClock clock = new SlaClock();
        clock.id = UUID.randomUUID();
        clock.leadId = assigned.leadId();
        clock.assignmentId = assigned.assignmentId();
        clock.kind = SlaClock.Kind.FIRST_TOUCH;
        clock.ownerLogin = assigned.owner();
        clock.managerLogin = assigned.manager();
        clock.priority = assigned.priority();
        clock.status = SlaClock.Status.OPEN;
        clock.startedAt = assigned.assignedAt();
        clock.dueAt = assigned.assignedAt()
                .plus(assigned.priority() == Priority.HOT ? config.firstTouch().hot() : config.firstTouch().other());
        clock.persist();
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
    public List<ClockView> ofLead(UUID leadId) {
        return SlaClock.<SlaClock>find("leadId = ?1 order by startedAt", leadId).stream().map(ClockView::of).toList();
    }
}
