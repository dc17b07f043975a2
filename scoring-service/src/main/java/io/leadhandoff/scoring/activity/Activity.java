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
}
