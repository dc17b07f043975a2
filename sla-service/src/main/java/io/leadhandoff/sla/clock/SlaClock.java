package io.leadhandoff.sla.clock;

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

/** A durable SLA clock: it lives in the database, so a restart or a second replica neither loses nor double-fires it. */
@Entity
@Table(name = "sla_clock")
public class SlaClock extends PanacheEntityBase {

    /**
     * First touch by the owner; a queued lead's assignment by its manager; the owner's accept-or-reject
     * decision; a rejection's reason; an SQL's follow-up (an opportunity or an outcome). Which events
     * start and meet each is the SLA policy's.
     */
    public enum Kind { FIRST_TOUCH, QUEUED, REVIEW_DECISION, REJECTION_REASON, SQL_FOLLOW_UP }

    /**
     * STOPPED: the lead left the desk before the clock was met (rejected without a first touch, ...);
     * PAUSED: waiting on the prospect, not counting.
     */
    public enum Status { OPEN, PAUSED, BREACHED, MET, STOPPED }

    @Id
    public UUID id;
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;
    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    @Column(name = "owner_login")
    public String ownerLogin;
    @Column(name = "manager_login")
    public String managerLogin;
    @Column(name = "owner_email")
    public String ownerEmail;
    @Column(name = "manager_email")
    public String managerEmail;
    @Column(name = "team_name")
    public String teamName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    @Column(name = "breached_at")
    public Instant breachedAt;
    @Column(name = "met_at")
    public Instant metAt;
    /** The clock's target, in business time when it counts in a calendar. */
    @jakarta.persistence.Column(name = "target_seconds")
    public Long targetSeconds;
    /** When a breached clock's step happened after all (late): from then on the breach is no longer open. */
    @jakarta.persistence.Column(name = "resolved_at")
    public Instant resolvedAt;
    /** When it raised its warning (once), if it did. */
    @jakarta.persistence.Column(name = "warned_at")
    public Instant warnedAt;
    /** When it moved to its current owner (null: never), and the business time spent before. */
    @jakarta.persistence.Column(name = "moved_at")
    public Instant movedAt;
    @jakarta.persistence.Column(name = "elapsed_before_seconds", nullable = false)
    public long elapsedBeforeSeconds;
    /** The policy version and tier whose clock this is. */
    @jakarta.persistence.Column(name = "policy_version")
    public Integer policyVersion;
    @jakarta.persistence.Column(name = "tier")
    public Integer tier;
    /** Each restart (a new owner after a breach, a lead handed out again) is a new round. */
    @jakarta.persistence.Column(name = "round", nullable = false)
    public int round;
    /** Since when it is paused (status PAUSED). */
    @jakarta.persistence.Column(name = "paused_at")
    public Instant pausedAt;
    /** The calendar it counts in; null: wall-clock time. */
    @jakarta.persistence.Column(name = "calendar_name")
    public String calendarName;
}
