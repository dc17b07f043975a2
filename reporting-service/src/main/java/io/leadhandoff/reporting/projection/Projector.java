package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.inbox.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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
        switch (event.data()) {
            case LeadLifecycleChanged e when e.to() == LifecycleStage.LEAD ->
                    set(e.leadId(), "created_at", e.changedAt(), "source", e.source(), "campaign", e.campaign());
            case LeadQualified e -> set(e.leadId(), "mql_at", e.qualifiedAt(), "priority", e.priority().name(),
                    "source", e.source(), "campaign", e.campaign());
            case LeadAssigned e -> set(e.leadId(), "assigned_at", e.assignedAt(), "owner_login", e.owner());
            case SlaBreached e -> set(e.leadId(), "breached_at", e.breachedAt());
            default -> {
                // kept in the event log; no read model uses it yet
            }
        }
    }

    /**
     * Sets a stage time and attributes (column, value pairs), each only if not set yet: the first
     * event that carries a value wins, so arrival order does not matter.
     */
    private void set(UUID leadId, String timeColumn, Instant time, String... attributes) {
        List<String> columns = new ArrayList<>(List.of(timeColumn));
        for (int i = 0; i < attributes.length; i += 2) {
            columns.add(attributes[i]);
        }
        String updates = columns.stream().map(c -> c + " = coalesce(lead_funnel." + c + ", excluded." + c + ")")
                .collect(Collectors.joining(", "));
        var query = em.createNativeQuery("insert into lead_funnel (lead_id, " + String.join(", ", columns)
                + ") values (:lead_id, " + columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "))
                + ") on conflict (lead_id) do update set " + updates)
                .setParameter("lead_id", leadId).setParameter(timeColumn, time);
        for (int i = 0; i < attributes.length; i += 2) {
            query.setParameter(attributes[i], attributes[i + 1]);
        }
        query.executeUpdate();
    }
}
