package io.leadhandoff.scoring.activity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A behavioural event of a lead (page view, form submission, demo request, ...). */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(nullable = false)
    public String type;
    public String url;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> properties;
    @Column(name = "received_at", nullable = false, insertable = false, updatable = false)
    public Instant receivedAt;

    /** Activity of these leads since {@code since}, newest first. */
    public static List<Activity> ofLeadsSince(Collection<UUID> leadIds, Instant since) {
        return list("leadId in ?1 and occurredAt >= ?2 order by occurredAt desc", leadIds, since);
    }

    /**
     * The same touches without their properties, as plain objects (not managed): what the rules
     * read, at a fraction of the cost of full entities (no JSON to parse, nothing to dirty-check).
     */
    @SuppressWarnings("unchecked")
    public static List<Activity> lightOfLeadsSince(Collection<UUID> leadIds, Instant since) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select event_id, lead_id, type, url, occurred_at from activity
                where lead_id in (:leads) and occurred_at >= :since order by occurred_at desc""")
                .setParameter("leads", leadIds).setParameter("since", since).getResultList();
        List<Activity> touches = new java.util.ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Activity a = new Activity();
            a.eventId = (String) r[0];
            a.leadId = (UUID) r[1];
            a.type = (String) r[2];
            a.url = (String) r[3];
            a.occurredAt = io.leadhandoff.common.time.SqlTime.instant(r[4]);
            touches.add(a);
        }
        return touches;
    }

    /** The properties (form answers) of these touches, by event id. */
    public static java.util.Map<String, java.util.Map<String, Object>> propertiesOf(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, java.util.Map<String, Object>> byId = new java.util.HashMap<>();
        Activity.<Activity>list("eventId in ?1", eventIds).forEach(a -> {
            if (a.properties != null) {
                byId.put(a.eventId, a.properties);
            }
        });
        return byId;
    }
}
