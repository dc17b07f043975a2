package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.Priority;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    public enum Status {
        /** Owned by a rep, waiting for the rep's first touch / decision. */
        ASSIGNED,
        /** No owner: waits in {@link #queue} for a manager (the fallback queue is also offered to the pool again). */
        QUEUED
    }

    @Id
    public UUID id;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(name = "owner_login")
    public String ownerLogin;
    @Column(name = "manager_login")
    public String managerLogin;
    @Column(name = "team_name")
    public String teamName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lead_context", nullable = false)
    public LeadContext leadContext;
    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public io.leadhandoff.routing.rule.Queue queue;
    /** The rule that decided the current owner or queue (or the owned account). */
    @Column(name = "rule_name")
    public String ruleName;
    /** Why: the decision's reason and each candidate passed over. */
    @JdbcTypeCode(SqlTypes.JSON)
    public DecisionRecord decision;
    /** What the rules looked at (kept so a queued lead can be routed again and a decision explained). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lead_facts")
    public java.util.Map<String, Object> leadFacts;
}
