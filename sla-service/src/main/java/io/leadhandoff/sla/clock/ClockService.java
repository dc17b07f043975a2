package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.event.SlaDueTimeSet;
import io.leadhandoff.common.event.SlaMet;
import io.leadhandoff.common.event.SlaWarningRaised;
import io.leadhandoff.common.notification.Notifications;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.roster.TeamRoster;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.sla.alert.Alerts;
import io.leadhandoff.sla.calendar.BusinessCalendar;
import io.leadhandoff.sla.calendar.Calendars;
import io.leadhandoff.sla.policy.PolicyDefinition;
import io.leadhandoff.sla.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * SLA clocks as the active policy says: an event about an assignment meets, stops, pauses or resumes
 * its clocks (as their policy version names it), then starts the clocks its tier starts on that
 * event. A clock counts business time in its owner's calendar (wall time if its policy says so),
 * warns at its warning point, breaches at its due time, and then climbs its escalation ladder.
 */
@ApplicationScoped
@Transactional
public class ClockService {

    /** What SLA knows of an assignment (sla_assignment): its people, and the policy tier its clocks follow. */
    record Context(UUID assignmentId, UUID leadId, String owner, String ownerEmail, String manager, String managerEmail,
            String team, Priority priority, String segment, int policyVersion, Integer tier) {
    }

    private final EntityManager em;
    private final Outbox outbox;
    private final Timers timers;
    private final ClockNotices notices;
    private final TeamRoster roster;
    private final Calendars calendars;
    private final InstantSource clock;
    private final Alerts alerts;
    private final PolicyService policies;
    private final Escalations escalations;
    private final Notifications notifications;

    public ClockService(EntityManager em, Outbox outbox, Timers timers, ClockNotices notices, TeamRoster roster,
            Calendars calendars, InstantSource clock, Alerts alerts, PolicyService policies, Escalations escalations,
            Notifications notifications) {
        this.notifications = notifications;
        this.em = em;
        this.outbox = outbox;
        this.timers = timers;
        this.notices = notices;
        this.roster = roster;
        this.calendars = calendars;
        this.clock = clock;
        this.alerts = alerts;
        this.policies = policies;
        this.escalations = escalations;
    }

    /** An assignment got an owner: remembered under the active policy, then its clocks follow. */
    public void assigned(LeadAssigned a) {
        Context ctx = remember(a.assignmentId(), a.leadId(), a.owner(), a.ownerEmail(), a.manager(), a.managerEmail(),
                a.team(), a.priority(), a.segment(), a.assignedAt());
        apply("LeadAssigned", ctx, a.assignedAt());
    }

    /** A lead nobody could be given waits in a queue: the manager's clocks, as the policy says. */
    public void queued(LeadQueued q) {
        Context ctx = remember(q.assignmentId(), q.leadId(), null, null, q.manager(), q.managerEmail(), q.team(),
                q.priority(), q.segment(), q.queuedAt());
        apply("LeadQueued", ctx, q.queuedAt());
    }

    /** {@code event} (a record's simple name, as policies name it) happened to an assignment. */
    public void on(String event, UUID assignmentId, Instant at) {
        context(assignmentId).ifPresent(ctx -> apply(event, ctx, at));
    }

    /** A lead merged into another: every assignment of it sees LeadMerged (policies stop clocks on it). */
    public void merged(UUID leadId, Instant at) {
        List<UUID> assignments = em.createNativeQuery("select assignment_id from sla_assignment where lead_id = :lead",
                UUID.class).setParameter("lead", leadId).getResultList();
        assignments.forEach(a -> on("LeadMerged", a, at));
    }

    private void apply(String event, Context ctx, Instant at) {
        List<SlaClock> clocks = SlaClock.list("assignmentId", ctx.assignmentId());
        Map<SlaClock.Kind, SlaClock> byKind = new EnumMap<>(SlaClock.Kind.class);
        for (SlaClock c : clocks) {
            byKind.put(c.kind, c);
            PolicyDefinition.ClockDefinition def = definition(c);
            if (def == null) {
                continue;
            }
            switch (c.status) {
                case OPEN, PAUSED -> {
                    if (def.metOn(event)) {
                        met(c, def, at);
                    } else if (def.stopsOn(event)) {
                        end(c, def, SlaClock.Status.STOPPED, at);
                    } else if (c.status == SlaClock.Status.OPEN && def.pausesOn(event)) {
                        pause(c, at);
                    } else if (c.status == SlaClock.Status.PAUSED && def.resumesOn(event)) {
                        resume(c, def, at);
                    }
                }
                case BREACHED -> {
                    // the step happened late, or the lead left the desk: no longer an open breach, the ladder stops
                    if (c.resolvedAt == null && (def.metOn(event) || def.stopsOn(event))) {
                        resolve(c, def, at);
                    }
                }
                default -> {
                }
            }
        }
        if (ctx.tier() == null) {
            return; // no tier of its policy covers this lead: no clocks
        }
        Supplier<Optional<Calendars.Named>> calendar = memo(() -> calendars.of(ctx.owner(), ctx.team()));
        for (PolicyDefinition.ClockDefinition def : policies.definition(ctx.policyVersion()).tiers().get(ctx.tier()).clocks()) {
            if (def.startsOn(event)) {
                start(ctx, def, byKind.get(def.kind()), at, calendar, false);
            }
        }
    }

    /**
     * Starts a clock, or starts it again (a new round) when it ended before this event: the lead
     * left the desk and came back, and its new owner owes the step afresh. {@code force}: a breached
     * clock whose lead has a new owner starts again for them.
     */
    private void start(Context ctx, PolicyDefinition.ClockDefinition def, SlaClock existing, Instant at,
            Supplier<Optional<Calendars.Named>> ownerCalendar, boolean force) {
        SlaClock c = existing;
        if (c == null) {
            c = new SlaClock();
            c.id = clockId(ctx.assignmentId(), def.kind());
            c.leadId = ctx.leadId();
            c.assignmentId = ctx.assignmentId();
            c.kind = def.kind();
            c.round = 0;
        } else if (force || restartable(c, at)) {
            cancelTimers(c, def);
            c.round++;
        } else {
            return; // running (an event seen twice by policy), or the event is older than its end
        }
        Optional<Calendars.Named> calendar = def.wallTime() ? Optional.empty() : ownerCalendar.get();
        c.ownerLogin = ctx.owner();
        c.ownerEmail = ctx.ownerEmail();
        c.managerLogin = ctx.manager();
        c.managerEmail = ctx.managerEmail();
        c.teamName = ctx.team();
        c.priority = ctx.priority();
        c.status = SlaClock.Status.OPEN;
        c.startedAt = at;
        c.targetSeconds = def.target().toSeconds();
        c.dueAt = plus(calendar.map(Calendars.Named::hours), at, def.target());
        c.calendarName = calendar.map(Calendars.Named::name).orElse(null);
        c.policyVersion = ctx.policyVersion();
        c.tier = ctx.tier();
        c.metAt = null;
        c.breachedAt = null;
        c.warnedAt = null;
        c.resolvedAt = null;
        c.movedAt = null;
        c.pausedAt = null;
        c.elapsedBeforeSeconds = 0;
        if (existing == null) {
            c.persist();
        }
        timers.schedule(BreachTimer.KIND, c.id.toString(), c.dueAt);
        timers.schedule(WarningTimer.KIND, c.id.toString(),
                plus(calendar.map(Calendars.Named::hours), at, warningPoint(def)));
        dueTimeSet(c, at);
    }

    private static boolean restartable(SlaClock c, Instant at) {
        Instant ended = switch (c.status) {
            case STOPPED, MET -> c.metAt;
            case BREACHED -> c.resolvedAt;
            default -> null;
        };
        return ended != null && at.isAfter(ended);
    }

    /** The clock's step happened: announced with the business time it took. */
    private void met(SlaClock c, PolicyDefinition.ClockDefinition def, Instant at) {
        Duration took = elapsed(c, at);
        end(c, def, SlaClock.Status.MET, at);
        outbox.publish(c.leadId.toString(), new SlaMet(c.leadId, c.id, c.kind.name(), c.ownerLogin, c.managerLogin,
                c.teamName, c.priority, c.startedAt, c.dueAt, at, took.toSeconds()));
    }

    private void end(SlaClock c, PolicyDefinition.ClockDefinition def, SlaClock.Status status, Instant at) {
        if (c.status == SlaClock.Status.OPEN || c.status == SlaClock.Status.PAUSED) {
            c.elapsedBeforeSeconds = elapsed(c, at).toSeconds();
            c.movedAt = at;
        }
        c.status = status;
        c.metAt = at;
        c.pausedAt = null;
        cancelTimers(c, def);
    }

    private void resolve(SlaClock c, PolicyDefinition.ClockDefinition def, Instant at) {
        c.resolvedAt = at;
        cancelTimers(c, def);
    }

    /** Waiting on the prospect: the business time so far is kept, nothing counts until it resumes. */
    private void pause(SlaClock c, Instant at) {
        c.elapsedBeforeSeconds = elapsed(c, at).toSeconds();
        c.movedAt = at;
        c.pausedAt = at;
        c.status = SlaClock.Status.PAUSED;
        timers.cancel(BreachTimer.KIND, c.id.toString());
        timers.cancel(WarningTimer.KIND, c.id.toString());
        dueTimeSet(c, at);
    }

    /** Counting again from {@code at}: what is left of the target runs in its calendar from now. */
    private void resume(SlaClock c, PolicyDefinition.ClockDefinition def, Instant at) {
        c.status = SlaClock.Status.OPEN;
        c.pausedAt = null;
        c.movedAt = at;
        reschedule(c, def, calendars.named(c.calendarName), at);
    }

    /** Due time and timers of an open clock from {@code from}, with the business time already spent kept. */
    private void reschedule(SlaClock c, PolicyDefinition.ClockDefinition def, Optional<BusinessCalendar> calendar,
            Instant from) {
        Duration target = Duration.ofSeconds(c.targetSeconds);
        Duration spent = Duration.ofSeconds(c.elapsedBeforeSeconds);
        c.dueAt = plus(calendar, from, nonNegative(target.minus(spent)));
        timers.schedule(BreachTimer.KIND, c.id.toString(), c.dueAt);
        if (c.warnedAt == null) {
            timers.schedule(WarningTimer.KIND, c.id.toString(),
                    plus(calendar, from, nonNegative(warningPoint(def).minus(spent))));
        }
        dueTimeSet(c, from);
    }

    /**
     * The assignment changed hands. Its open clocks follow the lead to the new owner, the business
     * time already spent kept and what is left counted in the new owner's calendar from now; a
     * paused clock moves without counting; a breached one starts afresh for the new owner (the
     * old breach stays on record, resolved, its ladder stopped).
     */
    public void reassigned(LeadReassigned r) {
        Optional<Context> known = context(r.assignmentId());
        if (known.isEmpty()) {
            return;
        }
        Context ctx = remember(r.assignmentId(), r.leadId(), r.owner(), r.ownerEmail(), r.manager(), r.managerEmail(),
                r.team(), known.get().priority(), known.get().segment(), r.reassignedAt(), known.get());
        Supplier<Optional<Calendars.Named>> calendar = memo(() -> calendars.of(r.owner(), r.team()));
        Instant at = r.reassignedAt();
        for (SlaClock c : SlaClock.<SlaClock>list("assignmentId", r.assignmentId())) {
            PolicyDefinition.ClockDefinition def = definition(c);
            if (def == null || c.status == SlaClock.Status.MET || c.status == SlaClock.Status.STOPPED) {
                continue;
            }
            if (c.status == SlaClock.Status.BREACHED) {
                if (c.resolvedAt == null) {
                    resolve(c, def, at);
                    Context own = new Context(ctx.assignmentId(), ctx.leadId(), ctx.owner(), ctx.ownerEmail(),
                            ctx.manager(), ctx.managerEmail(), ctx.team(), ctx.priority(), ctx.segment(),
                            c.policyVersion, c.tier);
                    start(own, def, c, at, calendar, true);
                }
                continue;
            }
            Optional<Calendars.Named> target = def.wallTime() ? Optional.empty() : calendar.get();
            if (c.status == SlaClock.Status.OPEN) {
                c.elapsedBeforeSeconds = elapsed(c, at).toSeconds();
                c.movedAt = at;
            }
            c.ownerLogin = r.owner();
            c.ownerEmail = r.ownerEmail();
            c.managerLogin = r.manager();
            c.managerEmail = r.managerEmail();
            c.teamName = r.team();
            c.calendarName = target.map(Calendars.Named::name).orElse(null);
            if (c.status == SlaClock.Status.OPEN) {
                reschedule(c, def, target.map(Calendars.Named::hours), at);
            }
        }
    }

    /**
     * Raises the warnings of the clocks whose warning timers came due, in the timer runner's
     * transaction: once per clock, only while it is open; the owner is told. One statement per
     * table for the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void warn(List<UUID> clockIds, Instant now) {
        @SuppressWarnings("unchecked")
        List<SlaClock> warned = em.createNativeQuery("""
                update sla_clock set warned_at = :now where id in (:ids) and status = 'OPEN' and warned_at is null
                returning *""", SlaClock.class).setParameter("now", now).setParameter("ids", clockIds).getResultList();
        Map<String, BusinessCalendar> calendarsByName = warned.isEmpty() ? Map.of() : calendars.all();
        StepEffects effects = new StepEffects();
        for (SlaClock c : warned) {
            Duration elapsed = elapsed(c, now, calendarOf(c, calendarsByName));
            long remaining = Math.max(0, c.targetSeconds - elapsed.toSeconds());
            effects.events.add(new Outbox.Pending(c.leadId.toString(), new SlaWarningRaised(c.leadId, c.id, c.kind.name(),
                    c.ownerLogin, c.managerLogin, c.teamName, c.priority, c.startedAt, c.dueAt, now, elapsed.toSeconds(),
                    remaining)));
            notices.warned(c).ifPresent(effects.notices::add);
            effects.alerts.add(new Alerts.Raised(c, Alerts.Kind.WARNING, now, c.priority + " lead: " + label(c.kind)
                    + " due " + c.dueAt + (c.ownerLogin == null ? "" : " (" + c.ownerLogin + ")"), 0, null));
        }
        effects.apply(outbox, alerts, notifications, timers);
    }

    /**
     * Breaches the clocks whose timers came due, in the timer runner's transaction: each clock's
     * status change, its SlaBreached and the first steps of its ladder commit with the timer's
     * completion, so they happen once. A clock met or paused in the meantime is left alone. One
     * statement per table for the whole batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void breach(List<UUID> clockIds, Instant now) {
        @SuppressWarnings("unchecked")
        List<SlaClock> breached = em.createNativeQuery("""
                update sla_clock set status = 'BREACHED', breached_at = :now where id in (:ids) and status = 'OPEN'
                returning *""", SlaClock.class).setParameter("now", now).setParameter("ids", clockIds).getResultList();
        if (breached.isEmpty()) {
            return;
        }
        timers.cancelAll(WarningTimer.KIND, breached.stream().map(c -> c.id.toString()).toList());
        Map<String, BusinessCalendar> calendarsByName = calendars.all();
        StepEffects effects = new StepEffects();
        for (SlaClock c : breached) {
            Optional<BusinessCalendar> calendar = calendarOf(c, calendarsByName);
            long elapsed = elapsed(c, now, calendar).toSeconds();
            effects.events.add(new Outbox.Pending(c.leadId.toString(), new SlaBreached(c.leadId, c.id, c.kind.name(),
                    c.ownerLogin, c.managerLogin, c.priority, c.startedAt, c.dueAt, now, c.assignmentId, c.teamName,
                    c.targetSeconds, elapsed)));
            effects.alerts.add(new Alerts.Raised(c, Alerts.Kind.BREACH, now, c.priority + " lead: " + label(c.kind)
                    + " overdue since " + c.dueAt + (c.ownerLogin == null ? "" : " (" + c.ownerLogin + ")"), 0, null));
            PolicyDefinition.ClockDefinition def = definition(c);
            if (def != null) {
                escalations.ladder(c, def, now, calendar, elapsed, effects);
            }
        }
        effects.apply(outbox, alerts, notifications, timers);
    }

    /** Runs the escalation steps whose timers came due (keys: clock/round/step), for clocks still in that breach. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalate(List<String> keys, Instant now) {
        List<Escalations.Key> parsed = keys.stream().map(Escalations.Key::parse).toList();
        Map<UUID, SlaClock> clocks = new java.util.HashMap<>();
        SlaClock.<SlaClock>list("id in ?1", parsed.stream().map(Escalations.Key::clockId).distinct().toList())
                .forEach(c -> clocks.put(c.id, c));
        Map<String, BusinessCalendar> calendarsByName = calendars.all();
        StepEffects effects = new StepEffects();
        for (Escalations.Key k : parsed) {
            SlaClock c = clocks.get(k.clockId());
            if (c == null || c.status != SlaClock.Status.BREACHED || c.resolvedAt != null || c.round != k.round()) {
                continue; // met late, moved to a new owner, or restarted since: this step is moot
            }
            PolicyDefinition.ClockDefinition def = definition(c);
            if (def != null && k.step() < def.ladder().size()) {
                escalations.run(c, k.step(), def.ladder().get(k.step()), now,
                        elapsed(c, now, calendarOf(c, calendarsByName)).toSeconds(), effects);
            }
        }
        effects.apply(outbox, alerts, notifications, timers);
    }

    private static Optional<BusinessCalendar> calendarOf(SlaClock c, Map<String, BusinessCalendar> calendarsByName) {
        return Optional.ofNullable(c.calendarName == null ? null : calendarsByName.get(c.calendarName));
    }

    /** Business time a clock has run until {@code at}: in its calendar, or wall-clock time without one. */
    public Duration elapsed(SlaClock c, Instant at) {
        return elapsed(c, at, calendars.named(c.calendarName));
    }

    private static Duration elapsed(SlaClock c, Instant at, Optional<BusinessCalendar> calendar) {
        if (c.status == SlaClock.Status.PAUSED) {
            return Duration.ofSeconds(c.elapsedBeforeSeconds); // not counting since it paused
        }
        Instant since = c.movedAt == null ? c.startedAt : c.movedAt;
        Duration counted = calendar.map(cal -> cal.between(since, at))
                .orElse(at.isAfter(since) ? Duration.between(since, at) : Duration.ZERO);
        return counted.plusSeconds(c.elapsedBeforeSeconds);
    }

    /** The clock's policy definition (its version and tier are immutable once active). */
    PolicyDefinition.ClockDefinition definition(SlaClock c) {
        if (c.policyVersion == null || c.tier == null) {
            return null;
        }
        List<PolicyDefinition.Tier> tiers = policies.definition(c.policyVersion).tiers();
        return c.tier < tiers.size() ? tiers.get(c.tier).clock(c.kind).orElse(null) : null;
    }

    private void cancelTimers(SlaClock c, PolicyDefinition.ClockDefinition def) {
        timers.cancel(BreachTimer.KIND, c.id.toString());
        timers.cancel(WarningTimer.KIND, c.id.toString());
        escalations.cancel(c, def);
    }

    private void dueTimeSet(SlaClock c, Instant at) {
        outbox.publish(c.leadId.toString(), new SlaDueTimeSet(c.leadId, c.id, c.assignmentId, c.kind.name(),
                c.ownerLogin, c.status == SlaClock.Status.PAUSED ? null : c.dueAt, c.targetSeconds, c.policyVersion,
                c.calendarName, at));
    }

    private Context remember(UUID assignmentId, UUID leadId, String owner, String ownerEmail, String manager,
            String managerEmail, String team, Priority priority, String segment, Instant at) {
        int version = policies.activeVersion();
        Integer tier = policies.definition(version).tierFor(priority, segment).orElse(null);
        return remember(assignmentId, leadId, owner, ownerEmail, manager, managerEmail, team, priority, segment, at,
                new Context(assignmentId, leadId, owner, ownerEmail, manager, managerEmail, team, priority, segment, version,
                        tier));
    }

    private Context remember(UUID assignmentId, UUID leadId, String owner, String ownerEmail, String manager,
            String managerEmail, String team, Priority priority, String segment, Instant at, Context policy) {
        em.createNativeQuery("""
                insert into sla_assignment (assignment_id, lead_id, owner_login, owner_email, manager_login, manager_email,
                                            team_name, priority, segment, policy_version, tier, updated_at)
                values (:a, :lead, :owner, :ownerEmail, :manager, :managerEmail, :team, :priority, :segment, :version,
                        :tier, :at)
                on conflict (assignment_id) do update set owner_login = excluded.owner_login,
                    owner_email = excluded.owner_email, manager_login = excluded.manager_login,
                    manager_email = excluded.manager_email, team_name = excluded.team_name, priority = excluded.priority,
                    segment = excluded.segment, policy_version = excluded.policy_version, tier = excluded.tier,
                    updated_at = excluded.updated_at""")
                .setParameter("a", assignmentId).setParameter("lead", leadId).setParameter("owner", owner)
                .setParameter("ownerEmail", ownerEmail).setParameter("manager", manager)
                .setParameter("managerEmail", managerEmail).setParameter("team", team)
                .setParameter("priority", priority.name()).setParameter("segment", segment)
                .setParameter("version", policy.policyVersion()).setParameter("tier", policy.tier()).setParameter("at", at)
                .executeUpdate();
        return new Context(assignmentId, leadId, owner, ownerEmail, manager, managerEmail, team, priority, segment,
                policy.policyVersion(), policy.tier());
    }

    private Optional<Context> context(UUID assignmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select lead_id, owner_login, owner_email, manager_login, manager_email, team_name, priority, segment,
                       policy_version, tier
                from sla_assignment where assignment_id = :a""").setParameter("a", assignmentId).getResultList();
        return rows.stream().findFirst().map(r -> new Context(assignmentId, (UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], Priority.valueOf((String) r[6]), (String) r[7],
                ((Number) r[8]).intValue(), r[9] == null ? null : ((Number) r[9]).intValue()));
    }

    static UUID clockId(UUID assignmentId, SlaClock.Kind kind) {
        return UUID.nameUUIDFromBytes((assignmentId + "/" + kind).getBytes(StandardCharsets.UTF_8));
    }

    static Instant plus(Optional<BusinessCalendar> calendar, Instant from, Duration d) {
        return calendar.map(c -> c.plus(from, d)).orElse(from.plus(d));
    }

    private static Duration warningPoint(PolicyDefinition.ClockDefinition def) {
        return Duration.ofMillis((long) (def.target().toMillis() * def.warningShare()));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String label(SlaClock.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
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
        Map<String, BusinessCalendar> byName = calendars.all();
        return SlaClock.<SlaClock>find(where + " order by dueAt, id", params).page(0, limit).stream()
                .map(c -> view(c, byName)).toList();
    }

    private ClockView view(SlaClock c, Map<String, BusinessCalendar> calendars) {
        Instant end = c.status == SlaClock.Status.OPEN ? clock.instant()
                : c.breachedAt != null ? c.breachedAt : c.metAt != null ? c.metAt : c.dueAt;
        return ClockView.of(c, elapsed(c, end, Optional.ofNullable(
                c.calendarName == null ? null : calendars.get(c.calendarName))));
    }
}
