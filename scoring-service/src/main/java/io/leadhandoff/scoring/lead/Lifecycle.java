package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.time.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
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

    /** A transition about to happen, with what LeadLifecycleChanged says about the lead. */
    public record Change(UUID leadId, LifecycleStage from, LifecycleStage to, String cause, String source,
            String campaign, Instant at) {

        LeadLifecycleChanged event() {
            return new LeadLifecycleChanged(leadId, from, to, cause, source, campaign, at);
        }
    }

    /** Records one transition in the lead's timeline and announces it. */
    public void changed(UUID leadId, LifecycleStage from, LifecycleStage to, String cause, String source, String campaign,
            Instant at) {
        changedAll(List.of(new Change(leadId, from, to, cause, source, campaign, at)));
    }

    /** Records and announces many transitions (in this order) with one statement per table. */
    public void changedAll(List<Change> changes) {
        outbox.publishAll(record(changes));
    }

    /**
     * Records the transitions in the timelines in one statement and returns their announcements,
     * for the caller to publish in order with its other events.
     */
    public List<Outbox.Pending> record(List<Change> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        int n = changes.size();
        UUID[] leads = new UUID[n];
        String[] from = new String[n];
        String[] to = new String[n];
        String[] causes = new String[n];
        String[] at = new String[n];
        List<Outbox.Pending> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Change c = changes.get(i);
            leads[i] = c.leadId();
            from[i] = c.from() == null ? null : c.from().name();
            to[i] = c.to().name();
            causes[i] = c.cause();
            at[i] = c.at().toString();
            events.add(new Outbox.Pending(c.leadId().toString(), c.event()));
        }
        em.unwrap(Session.class).doWork(connection -> {
            // the timeline reads in id order: ids follow the list's order
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into lead_stage_change (lead_id, from_stage, to_stage, cause, at)
                    select lead_id, from_stage, to_stage, cause, at
                    from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::text[]::timestamptz[])
                        with ordinality as c(lead_id, from_stage, to_stage, cause, at, ord)
                    order by ord""")) {
                insert.setArray(1, connection.createArrayOf("uuid", leads));
                insert.setArray(2, connection.createArrayOf("varchar", from));
                insert.setArray(3, connection.createArrayOf("varchar", to));
                insert.setArray(4, connection.createArrayOf("text", causes));
                insert.setArray(5, connection.createArrayOf("text", at));
                insert.executeUpdate();
            }
        });
        return events;
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
