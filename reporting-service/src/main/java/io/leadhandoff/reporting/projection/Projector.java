package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.inbox.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import org.hibernate.Session;

/** Keeps every event in the event log and projects it into the read models, in the consumer's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Projector {

    private final EntityManager em;
    private final InstantSource clock;

    public Projector(EntityManager em, InstantSource clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Logs the event body exactly as received (fields this code does not know included) and projects it. */
    public void apply(InboundEvent<? extends Record> received) {
        EventEnvelope<? extends Record> event = received.envelope();
        em.createNativeQuery("""
                insert into event_log (event_id, type, source, subject, time, body, received_at)
                values (:id, :type, :source, :subject, :time, :body, :received) on conflict do nothing""")
                .setParameter("id", event.id()).setParameter("type", event.type()).setParameter("source", event.source())
                .setParameter("subject", event.subject()).setParameter("time", event.time())
                .setParameter("body", received.body()).setParameter("received", clock.instant()).executeUpdate();
        if (Projections.projects(event.type())) {
            // its own type's statement only (the lead's cycles are found through the logged body)
            em.unwrap(Session.class).doWork(c -> Projections.project(c,
                    Projections.Selection.event(event.id(), event.type()), ""));
        }
    }
}
