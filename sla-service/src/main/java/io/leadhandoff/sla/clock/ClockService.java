package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.roster.TeamRoster;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.sla.calendar.Calendars;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class ClockService {

    private final EntityManager em;
    private final Outbox outbox;
    private final SlaConfig config;
    private final Timers timers;
    private final ClockNotices notices;
    private final TeamRoster roster;
    private final Calendars calendars;
    private final java.time.InstantSource clock;
    private final io.leadhandoff.sla.alert.Alerts alerts;

    public ClockService(EntityManager em, Outbox outbox, SlaConfig config, Timers timers, ClockNotices notices,
            TeamRoster roster, Calendars calendars, java.time.InstantSource clock, io.leadhandoff.sla.alert.Alerts alerts) {
        this.alerts = alerts;
        this.clock = clock;
        this.calendars = calendars;
        this.roster = roster;
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.timers = timers;
        this.notices = notices;
    }

    /**
     * Starts the first-touch clock of an assignment, counted from the moment of assignment. The
     * clock's id is derived from (assignment, kind), so the unique key makes it once only however
     * often the assignment is announced, and its breach timer is keyed by that id; no read first
     * (the inbox applies hundreds of these per transaction). A clock that ended (stopped or met)
     * starts again for an assignment given out after that: the lead left the desk (rejected for
     * enrichment, say) and has a new owner, who owes a first touch and a decision of their own.
     */
    public void startFirstTouch(LeadAssigned assigned) {
        // a lead assigned out of the fallback queue: the manager's clock has been met
        int met = em.createNativeQuery("""
                update sla_clock set status = 'MET', met_at = :at
                where assignment_id = :assignment and kind = 'QUEUED' and status = 'OPEN'""")
                .setParameter("at", assigned.assignedAt()).setParameter("assignment", assigned.assignmentId())
                .executeUpdate();
        if (met > 0) {
            timers.cancel(BreachTimer.KIND, clockId(assigned.assignmentId(), SlaClock.Kind.QUEUED).toString());
            timers.cancel(WarningTimer.KIND, clockId(assigned.assignmentId(), SlaClock.Kind.QUEUED).toString());
        }
        // the owner's calendar, looked up once for both clocks
        java.util.Optional<Calendars.Named> calendar = calendars.of(assigned.owner(), assigned.team());
        start(assigned.leadId(), assigned.assignmentId(), SlaClock.Kind.FIRST_TOUCH, assigned.owner(),
                assigned.ownerEmail(), assigned.manager(), assigned.managerEmail(), assigned.team(), assigned.priority(),
                assigned.assignedAt(), calendar);
        start(assigned.leadId(), assigned.assignmentId(), SlaClock.Kind.REVIEW_DECISION, assigned.owner(),
                assigned.ownerEmail(), assigned.manager(), assigned.managerEmail(), assigned.team(), assigned.priority(),
                assigned.assignedAt(), calendar);
    }

    /**
     * The clock of {@code kind} of an assignment was met at {@code at} (a first touch, an accept or
     * reject decision): announced with the business time it took; its breach timer is cancelled.
     */
    public void met(UUID assignmentId, SlaClock.Kind kind, Instant at) {
        // a breached clock whose step happens late is resolved: no longer an open breach
        em.createNativeQuery("""
                update sla_clock set resolved_at = :at
                where assignment_id = :a and kind = :kind and status = 'BREACHED' and resolved_at is null""")
                .setParameter("at", at).setParameter("a", assignmentId).setParameter("kind", kind.name()).executeUpdate();
        SlaClock c = SlaClock.<SlaClock>find("assignmentId = ?1 and kind = ?2 and status = ?3", assignmentId, kind,
                SlaClock.Status.OPEN).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (c == null) {
            return; // breached already, or never started (an event older than the clock)
        }
        c.status = SlaClock.Status.MET;
        c.metAt = at;
        timers.cancel(BreachTimer.KIND, c.id.toString());
        timers.cancel(WarningTimer.KIND, c.id.toString());
        outbox.publish(c.leadId.toString(), new io.leadhandoff.common.event.SlaMet(c.leadId, c.id, c.kind.name(),
                c.ownerLogin, c.managerLogin, c.teamName, c.priority, c.startedAt, c.dueAt, at,
                elapsed(c, at).toSeconds()));
    }

    /** The lead left the owner's desk (rejected): its clocks still open stop, neither met nor breached. */
    public void stopAll(UUID assignmentId, Instant at) {
        List<SlaClock> open = SlaClock.list("assignmentId = ?1 and status = ?2", assignmentId, SlaClock.Status.OPEN);
        for (SlaClock c : open) {
            c.status = SlaClock.Status.STOPPED;
            c.metAt = at;
            timers.cancel(BreachTimer.KIND, c.id.toString());
            timers.cancel(WarningTimer.KIND, c.id.toString());
        }
    }

    /** Stops every open clock of a lead (merged into another: its assignments closed). */
    public void stopLead(UUID leadId, Instant at) {
        List<UUID> assignments = em.createQuery("select distinct c.assignmentId from SlaClock c where c.leadId = :lead"
                + " and c.status = :open", UUID.class).setParameter("lead", leadId).setParameter("open", SlaClock.Status.OPEN)
                .getResultList();
        assignments.forEach(a -> stopAll(a, at));
    }

    /**
     * The assignment changed hands: its open clocks follow the lead to the new owner, with the
     * business time left counted in the new owner's calendar from now.
     */
    public void reassigned(io.leadhandoff.common.event.LeadReassigned r) {
        List<SlaClock> open = SlaClock.list("assignmentId = ?1 and status = ?2", r.assignmentId(), SlaClock.Status.OPEN);
        for (SlaClock c : open) {
            java.time.Duration spent = elapsed(c, r.reassignedAt());
            java.time.Duration target = java.time.Duration.ofSeconds(c.targetSeconds == null
                    ? java.time.Duration.between(c.startedAt, c.dueAt).toSeconds() : c.targetSeconds);
            java.time.Duration left = target.minus(spent).isNegative() ? java.time.Duration.ZERO : target.minus(spent);
            java.util.Optional<Calendars.Named> calendar = calendars.of(r.owner(), r.team());
            c.ownerLogin = r.owner();
            c.ownerEmail = r.ownerEmail();
            c.managerLogin = r.manager();
            c.managerEmail = r.managerEmail();
            c.teamName = r.team();
            // the time already spent stays spent: the new owner's calendar counts what is left
            c.elapsedBeforeSeconds = spent.toSeconds();
            c.movedAt = r.reassignedAt();
            c.calendarName = calendar.map(Calendars.Named::name).orElse(null);
            c.dueAt = calendar.map(n -> n.hours().plus(r.reassignedAt(), left)).orElse(r.reassignedAt().plus(left));
            timers.schedule(BreachTimer.KIND, c.id.toString(), c.dueAt);
            if (c.warnedAt == null) {
                java.time.Duration toWarning = warningPoint(target).minus(spent);
                java.time.Duration wait = toWarning.isNegative() ? java.time.Duration.ZERO : toWarning;
                timers.schedule(WarningTimer.KIND, c.id.toString(),
                        calendar.map(n -> n.hours().plus(r.reassignedAt(), wait)).orElse(r.reassignedAt().plus(wait)));
            }
        }
    }

    /** Where a clock of this target warns. */
    private java.time.Duration warningPoint(java.time.Duration target) {
        return java.time.Duration.ofMillis((long) (target.toMillis() * config.warningAt()));
    }

    /**
     * Raises the warnings of the clocks whose warning timers came due, in the timer runner's
     * transaction: once per clock, only while it is open; the owner is told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void warn(List<UUID> clockIds, Instant now) {
        List<SlaClock> open = SlaClock.list("id in ?1 and status = ?2 and warnedAt is null", clockIds, SlaClock.Status.OPEN);
        for (SlaClock c : open) {
            c.warnedAt = now;
            java.time.Duration elapsed = elapsed(c, now);
            long remaining = c.targetSeconds == null ? java.time.Duration.between(now, c.dueAt).toSeconds()
                    : Math.max(0, c.targetSeconds - elapsed.toSeconds());
            outbox.publish(c.leadId.toString(), new io.leadhandoff.common.event.SlaWarningRaised(c.leadId, c.id,
                    c.kind.name(), c.ownerLogin, c.managerLogin, c.teamName, c.priority, c.startedAt, c.dueAt, now,
                    elapsed.toSeconds(), remaining));
            notices.warned(c);
            alerts.raise(c, io.leadhandoff.sla.alert.Alerts.Kind.WARNING, now, c.priority + " lead: " + c.kind.name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " due " + c.dueAt + (c.ownerLogin == null ? ""
                            : " (" + c.ownerLogin + ")"));
        }
    }

    /** Business time a clock has run until {@code at}: in its calendar, or wall-clock time without one. */
    public java.time.Duration elapsed(SlaClock c, Instant at) {
        return elapsed(c, at, calendars.named(c.calendarName));
    }

    private static java.time.Duration elapsed(SlaClock c, Instant at,
            java.util.Optional<io.leadhandoff.sla.calendar.BusinessCalendar> calendar) {
        Instant since = c.movedAt == null ? c.startedAt : c.movedAt;
        java.time.Duration counted = calendar.map(cal -> cal.between(since, at))
                .orElse(at.isAfter(since) ? java.time.Duration.between(since, at) : java.time.Duration.ZERO);
        return counted.plusSeconds(c.elapsedBeforeSeconds);
    }

    /**
     * A lead nobody could be given waits in a queue: its manager gets the first-touch window to
     * assign it, so a queued lead is as visible (and as breachable) as an assigned one.
     */
    public void startQueued(LeadQueued queued) {
        start(queued.leadId(), queued.assignmentId(), SlaClock.Kind.QUEUED, null, null, queued.manager(),
                queued.managerEmail(), queued.team(), queued.priority(), queued.queuedAt(), calendars.of(null, queued.team()));
    }

    static UUID clockId(UUID assignmentId, SlaClock.Kind kind) {
        return UUID.nameUUIDFromBytes((assignmentId + "/" + kind).getBytes(StandardCharsets.UTF_8));
    }

    private void start(UUID leadId, UUID assignmentId, SlaClock.Kind kind, String owner, String ownerEmail,
            String manager, String managerEmail, String team, Priority priority, Instant startedAt,
            java.util.Optional<Calendars.Named> calendar) {
        java.time.Duration target = kind == SlaClock.Kind.REVIEW_DECISION ? config.reviewDecision()
                : priority == Priority.HOT ? config.firstTouch().hot() : config.firstTouch().other();
        // business time in the owner's calendar (the team's for a queued lead); wall-clock time without one
        Instant due = calendar.map(c -> c.hours().plus(startedAt, target)).orElse(startedAt.plus(target));
        UUID id = clockId(assignmentId, kind);
        int started = em.createNativeQuery("""
                insert into sla_clock (id, lead_id, assignment_id, kind, owner_login, owner_email, manager_login,
                                       manager_email, team_name, priority, status, started_at, due_at, target_seconds,
                                       calendar_name)
                values (:id, :lead, :assignment, :kind, :owner, :ownerEmail, :manager, :managerEmail, :team, :priority,
                        :status, :started, :due, :target, :calendar)
                on conflict (assignment_id, kind) do update set
                    owner_login = excluded.owner_login, owner_email = excluded.owner_email,
                    manager_login = excluded.manager_login, manager_email = excluded.manager_email,
                    team_name = excluded.team_name, priority = excluded.priority, status = excluded.status,
                    started_at = excluded.started_at, due_at = excluded.due_at, target_seconds = excluded.target_seconds,
                    calendar_name = excluded.calendar_name, met_at = null, breached_at = null, warned_at = null,
                    resolved_at = null, moved_at = null, elapsed_before_seconds = 0
                where sla_clock.status in ('STOPPED', 'MET')
                  and excluded.started_at > coalesce(sla_clock.met_at, sla_clock.started_at)""")
                .setParameter("id", id)
                .setParameter("lead", leadId)
                .setParameter("assignment", assignmentId)
                .setParameter("kind", kind.name())
                .setParameter("owner", owner)
                .setParameter("manager", manager)
                .setParameter("ownerEmail", ownerEmail)
                .setParameter("managerEmail", managerEmail)
                .setParameter("team", team)
                .setParameter("priority", priority.name())
                .setParameter("status", SlaClock.Status.OPEN.name())
                .setParameter("started", startedAt)
                .setParameter("due", due)
                .setParameter("target", target.toSeconds())
                .setParameter("calendar", calendar.map(Calendars.Named::name).orElse(null))
                .executeUpdate();
        if (started > 0) {
            timers.schedule(BreachTimer.KIND, id.toString(), due);
            java.time.Duration toWarning = warningPoint(target);
            timers.schedule(WarningTimer.KIND, id.toString(),
                    calendar.map(c -> c.hours().plus(startedAt, toWarning)).orElse(startedAt.plus(toWarning)));
        }
    }

    /**
     * Breaches the clocks whose timers came due, in the timer runner's transaction: each clock's
     * status change and its SlaBreached commit with the timer's completion, so it fires once. A
     * clock met in the meantime is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void breach(List<UUID> clockIds, Instant now) {
        List<SlaClock> open = SlaClock.list("id in ?1 and status = ?2", clockIds, SlaClock.Status.OPEN);
        for (SlaClock clock : open) {
            clock.status = SlaClock.Status.BREACHED;
            clock.breachedAt = now;
            timers.cancel(WarningTimer.KIND, clock.id.toString());
            outbox.publish(clock.leadId.toString(), new SlaBreached(clock.leadId, clock.id, clock.kind.name(),
                    clock.ownerLogin, clock.managerLogin, clock.priority, clock.startedAt, clock.dueAt, now));
            notices.breached(clock);
            alerts.raise(clock, io.leadhandoff.sla.alert.Alerts.Kind.BREACH, now, clock.priority + " lead: "
                    + clock.kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " overdue since "
                    + clock.dueAt + (clock.ownerLogin == null ? "" : " (" + clock.ownerLogin + ")"));
        }
    }

    /** What to look for: any of lead, owner, team, status, kind, due before; null is any. */
    public record Filter(UUID leadId, String owner, String team, SlaClock.Status status, SlaClock.Kind kind,
            Instant dueBefore) {
    }

    /**
     * Clocks matching the filter, the soonest due first, in the reader's scope: {@code managerLogin}
     * sees the clocks started under them and those of the teams they manage now (routing's roster),
     * {@code repLogin} their own, neither everything. The scope is part of the query.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ClockView> find(Filter f, String managerLogin, String repLogin, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (f.leadId() != null) {
            where.append(" and leadId = :lead");
            params.and("lead", f.leadId());
        }
        if (f.owner() != null) {
            where.append(" and ownerLogin = :owner");
            params.and("owner", f.owner());
        }
        if (f.team() != null) {
            where.append(" and teamName = :team");
            params.and("team", f.team());
        }
        if (f.status() != null) {
            where.append(" and status = :status");
            params.and("status", f.status());
        }
        if (f.kind() != null) {
            where.append(" and kind = :kind");
            params.and("kind", f.kind());
        }
        if (f.dueBefore() != null) {
            where.append(" and dueAt < :due");
            params.and("due", f.dueBefore());
        }
        if (managerLogin != null) {
            List<String> teams = roster.teamsManagedBy(managerLogin);
            where.append(teams.isEmpty() ? " and managerLogin = :me" : " and (managerLogin = :me or teamName in :teams)");
            params.and("me", managerLogin);
            if (!teams.isEmpty()) {
                params.and("teams", teams);
            }
        } else if (repLogin != null) {
            where.append(" and ownerLogin = :rep");
            params.and("rep", repLogin);
        }
        // the calendars read once for the whole page, not once per clock
        Map<String, io.leadhandoff.sla.calendar.BusinessCalendar> byName = calendars.all();
        return SlaClock.<SlaClock>find(where + " order by dueAt, id", params).page(0, limit).stream()
                .map(c -> view(c, byName)).toList();
    }

    private ClockView view(SlaClock c, Map<String, io.leadhandoff.sla.calendar.BusinessCalendar> calendars) {
        Instant end = c.status == SlaClock.Status.OPEN ? clock.instant()
                : c.metAt != null ? c.metAt : c.breachedAt != null ? c.breachedAt : c.dueAt;
        return ClockView.of(c, elapsed(c, end, java.util.Optional.ofNullable(
                c.calendarName == null ? null : calendars.get(c.calendarName))));
    }
}
