package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.time.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every lifecycle transition goes through here: recorded in the lead's timeline with its cause
 * and announced (LeadLifecycleChanged) in the same transaction as the change itself.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Lifecycle {

    private final EntityManager em;
    private final Outbox outbox;

    public Lifecycle(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** One step of a lead's timeline. */
    public record StageChange(LifecycleStage from, LifecycleStage to, String cause, Instant at) {
    }

    public void changed(UUID leadId, LifecycleStage from, LifecycleStage to, String cause, String source, String campaign,
            Instant at) {
        em.createNativeQuery("""
                insert into lead_stage_change (lead_id, from_stage, to_stage, cause, at) values (:lead, :from, :to, :cause, :at)""")
                .setParameter("lead", leadId).setParameter("from", from == null ? null : from.name())
                .setParameter("to", to.name()).setParameter("cause", cause).setParameter("at", at).executeUpdate();
        outbox.publish(leadId.toString(), new LeadLifecycleChanged(leadId, from, to, cause, source, campaign, at));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StageChange> timeline(UUID leadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select from_stage, to_stage, cause, at from lead_stage_change where lead_id = :lead order by id")
                .setParameter("lead", leadId).getResultList();
        return rows.stream().map(r -> new StageChange(r[0] == null ? null : LifecycleStage.valueOf((String) r[0]),
                LifecycleStage.valueOf((String) r[1]), (String) r[2], SqlTime.instant(r[3]))).toList();
    }
}
