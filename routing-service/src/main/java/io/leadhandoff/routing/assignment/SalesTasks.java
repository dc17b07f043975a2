package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.SalesTaskCreated;
import io.leadhandoff.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The sales task an assignment gives its owner: a first touch, due at the assignment's due time.
 * Created once per assignment (announced as SalesTaskCreated), moved with the lead to a new owner,
 * done at the first touch, cancelled if the lead leaves the desk first.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SalesTasks {

    public static final String FIRST_TOUCH = "FIRST_TOUCH";

    /** A task as shown with its assignment. */
    public record Task(UUID id, String type, String owner, Instant dueAt, String status, Instant doneAt) {
    }

    private final EntityManager em;
    private final Outbox outbox;

    public SalesTasks(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** The assignment has an owner: its open first-touch task is theirs (created if there is none yet). */
    public void owned(Assignment a, Instant now) {
        if (a.firstTouchAt != null) {
            return; // touched already: nothing left to do for a first touch
        }
        int moved = em.createNativeQuery("""
                update sales_task set owner_login = :owner, due_at = :due
                where assignment_id = :a and type = :type and status = 'OPEN'""")
                .setParameter("owner", a.ownerLogin).setParameter("due", a.dueAt).setParameter("a", a.id)
                .setParameter("type", FIRST_TOUCH).executeUpdate();
        if (moved > 0) {
            return;
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into sales_task (id, assignment_id, lead_id, owner_login, type, due_at, status, created_at)
                values (:id, :a, :lead, :owner, :type, :due, 'OPEN', :now)""")
                .setParameter("id", id).setParameter("a", a.id).setParameter("lead", a.leadId)
                .setParameter("owner", a.ownerLogin).setParameter("type", FIRST_TOUCH).setParameter("due", a.dueAt)
                .setParameter("now", now).executeUpdate();
        outbox.publish(a.leadId.toString(), new SalesTaskCreated(id, a.id, a.leadId, a.ownerLogin, FIRST_TOUCH,
                a.priority, a.dueAt, now));
    }

    /** The SLA policy set the first touch's due time for {@code owner}: their open task shows it. */
    public void due(UUID assignmentId, String owner, Instant dueAt) {
        em.createNativeQuery("""
                update sales_task set due_at = :due
                where assignment_id = :a and type = :type and status = 'OPEN' and owner_login is not distinct from :owner""")
                .setParameter("due", dueAt).setParameter("a", assignmentId).setParameter("type", FIRST_TOUCH)
                .setParameter("owner", owner).executeUpdate();
    }

    /** The first touch was made. */
    public void done(Assignment a, Instant at) {
        close(a, "DONE", at);
    }

    /** The lead left the owner's desk before its first touch. */
    public void cancel(Assignment a, Instant at) {
        close(a, "CANCELLED", at);
    }

    private void close(Assignment a, String status, Instant at) {
        em.createNativeQuery("""
                update sales_task set status = :status, done_at = :at where assignment_id = :a and status = 'OPEN'""")
                .setParameter("status", status).setParameter("at", at).setParameter("a", a.id).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Task> of(UUID assignment) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, type, owner_login, due_at, status, done_at from sales_task where assignment_id = :a order by created_at""")
                .setParameter("a", assignment).getResultList();
        return rows.stream().map(r -> new Task((UUID) r[0], (String) r[1], (String) r[2],
                io.leadhandoff.common.time.SqlTime.instant(r[3]), (String) r[4],
                r[5] == null ? null : io.leadhandoff.common.time.SqlTime.instant(r[5]))).toList();
    }
}
