package io.leadhandoff.routing.assignment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An assignment's history: each step (assigned, queued, accepted, rejected, ...) with when, owner, actor and why. */
@ApplicationScoped
public class AssignmentHistory {

    private final EntityManager em;

    public AssignmentHistory(EntityManager em) {
        this.em = em;
    }

    /** Adds a step in the caller's transaction (a native insert: daily counts read it at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Assignment a, Instant at, String action, String actor, String reason) {
        em.createNativeQuery("""
                insert into assignment_history (assignment_id, at, action, owner_login, actor, reason)
                values (:a, :at, :action, :owner, :actor, :reason)""")
                .setParameter("a", a.id).setParameter("at", at).setParameter("action", action)
                .setParameter("owner", a.ownerLogin).setParameter("actor", actor).setParameter("reason", reason)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssignmentExplanation.Step> of(UUID assignment) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select at, action, owner_login, actor, reason from assignment_history where assignment_id = :a order by id""")
                .setParameter("a", assignment).getResultList();
        return rows.stream().map(r -> new AssignmentExplanation.Step(io.leadhandoff.common.time.SqlTime.instant(r[0]),
                (String) r[1], (String) r[2], (String) r[3], (String) r[4])).toList();
    }
}
