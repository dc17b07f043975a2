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
        QUEUED,
        /** The owner accepted it (SAL). */
        ACCEPTED,
        /** The owner qualified it (SQL), with BANT. */
        QUALIFIED,
        /** Sales rejected it, with a reason: closed. */
        REJECTED,
        /** Won or lost: closed. */
        CLOSED;

        /** On an owner's desk: what counts against the open-lead cap. */
        public boolean open() {
            return this == ASSIGNED || this == ACCEPTED || this == QUALIFIED;
        }
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

    /** The lead's size segment (SMB, MID_MARKET, ENTERPRISE) from its facts, if known: the SLA policy's tiers use it. */
    public String segment() {
        Object segment = leadFacts == null ? null : leadFacts.get("segment");
        return segment == null ? null : segment.toString();
    }
    @Column(name = "first_touch_at")
    public Instant firstTouchAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    /** Waiting on the prospect since (null: not on hold), and why. */
    @Column(name = "on_hold_since")
    public Instant onHoldSince;
    @Column(name = "on_hold_reason")
    public String onHoldReason;
    @Column(name = "qualified_at")
    public Instant qualifiedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public io.leadhandoff.common.event.LeadSalesQualified.Bant bant;
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    public io.leadhandoff.common.event.RejectionReason rejectionReason;
    @Column(name = "rejection_note")
    public String rejectionNote;
    @Enumerated(EnumType.STRING)
    public io.leadhandoff.common.event.LeadOutcomeRecorded.Outcome outcome;
    @Column(name = "closed_at")
    public Instant closedAt;

    /** Whether {@code login} manages this assignment: the manager it was given under, or its team's manager now. */
    public boolean managedBy(String login) {
        return login.equals(managerLogin) || (teamName != null && io.leadhandoff.routing.roster.Team
                .find("name = ?1 and managerLogin = ?2", teamName, login).firstResultOptional().isPresent());
    }
}
