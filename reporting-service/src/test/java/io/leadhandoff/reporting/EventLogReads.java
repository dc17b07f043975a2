package io.leadhandoff.reporting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** What reporting's event log holds of a lead, read the way an auditor would. */
final class EventLogReads {

    private EventLogReads() {
    }

    /** The event ids of a lead in the order reporting applied them (the log's sequence). */
    @SuppressWarnings("unchecked")
    static List<String> applied(EntityManager em, UUID lead) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) em
                .createNativeQuery("select event_id from event_log where subject = :s order by seq")
                .setParameter("s", lead.toString()).getResultList()).stream().map(Object::toString).toList());
    }
}
