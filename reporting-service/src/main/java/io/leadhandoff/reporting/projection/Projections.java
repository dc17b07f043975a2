package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The read models as SQL over the event log's bodies: one statement per event type fills
 * {@code stage_transition} (and {@code rep}), one pass numbers each lead's MQL cycles and rebuilds
 * its {@code lead_cycle} rows. Live projection and replay run the same statements, only the
 * selection of events and the table names differ, so a replay equals live by construction.
 */
public final class Projections {

    /** Imported history: one event_log row per CSV row, projected like any event. */
    public static final String HISTORY_IMPORTED = "io.leadhandoff.reporting.history-imported";

    /**
     * A table a replay rebuilds: its primary key (null: none), whether the load needs it, the
     * indexes made after the load (name, definition after "on table", optionally "unique"), and
     * those the load needs.
     */
    record Table(String name, String primaryKey, boolean keyAtLoad, List<String[]> indexes, List<String[]> atLoad) {
    }

    private static final String[] IMPORTED_LEAD = { "stage_transition_imported_lead",
            "(lead_id) where stage = 'LEAD' and imported", "unique" };

    /** The tables a replay rebuilds, in order. */
    static final List<Table> TABLES = List.of(
            new Table("stage_transition", "event_id, stage", false, List.<String[]>of(
                    new String[] { "stage_transition_lead", "(lead_id, at)" },
                    new String[] { "stage_transition_stage_at", "(stage, at)" },
                    new String[] { "stage_transition_sla", "(at) include (stage, kind, team, owner, priority, source, campaign, segment, cycle)"
                            + " where stage in ('SLA_MET', 'SLA_BREACHED')" },
                    IMPORTED_LEAD),
                    // an imported lead is created once, whichever of its rows come first (V6)
                    List.<String[]>of(IMPORTED_LEAD)),
            new Table("lead_cycle", "lead_id, cycle", false, List.<String[]>of(new String[] { "lead_cycle_mql", "(mql_at)" },
                    new String[] { "lead_cycle_open_breach", "(open_breach_at) where open_breach_at is not null" },
                    new String[] { "lead_cycle_waiting", "(queued_at) where queued_at is not null and assigned_at is null"
                            + " and ended_at is null and rejected_at is null" },
                    new String[] { "lead_cycle_owner", "(owner)" },
                    new String[] { "lead_cycle_recycled", "(mql_at) where cycle > 1" }), List.of()),
            new Table("rep", "login", true, List.of(), List.of()),
            new Table("cycle_rollup", null, false, List.<String[]>of(new String[] { "cycle_rollup_key", "(grain, period, source,"
                    + " campaign, segment, priority, team, owner, recycled, model_version, fit_tier, score_band, reject_reason)"
                    + " nulls not distinct", "unique" }), List.of()),
            new Table("duration_rollup", null, false, List.<String[]>of(new String[] { "duration_rollup_key", "(period, source,"
                    + " campaign, segment, priority, team, owner, measure, bucket) nulls not distinct", "unique" }), List.of()),
            new Table("clock_rollup", null, false, List.<String[]>of(new String[] { "clock_rollup_key", "(period, stage,"
                    + " kind, team, owner, priority, source, campaign, segment) nulls not distinct", "unique" }), List.of()),
            new Table("transition_rollup", null, false, List.<String[]>of(new String[] { "transition_rollup_key", "(grain, period,"
                    + " stage, source, campaign, priority, team, owner, reason) nulls not distinct", "unique" }),
                    List.of()));

    private static final String COLUMNS = "event_id, stage, lead_id, at, seq, source, campaign, segment, priority, owner,"
            + " team, reason, detail, kind, clock_id, score, fit_tier, model_version, imported";

    /** Per event type: the stage and the columns taken from the body ({@code d} is its data). */
    private static final Map<String, String> TRANSITIONS = new LinkedHashMap<>();

    static {
        put(EventType.LEAD_LIFECYCLE_CHANGED, "d->>'to'", "changedAt",
                Map.of("source", "d->>'source'", "campaign", "d->>'campaign'", "reason", "d->>'cause'"),
                " and d->>'to' in ('LEAD', 'RECYCLED', 'DISQUALIFIED', 'ROUTED_ELSEWHERE')");
        put(EventType.LEAD_QUALIFIED, "'MQL'", "qualifiedAt",
                Map.of("source", "d->>'source'", "campaign", "d->>'campaign'", "priority", "d->>'priority'",
                        "score", "(d->>'totalScore')::int", "fit_tier", "d->>'fitTier'",
                        "model_version", "(d->>'modelVersion')::int"));
        put(EventType.LEAD_ASSIGNED, "'ASSIGNED'", "assignedAt", Map.of("owner", "d->>'owner'",
                "team", "d->>'team'", "priority", "d->>'priority'", "segment", "d->>'segment'", "reason", "d->>'rule'"));
        put(EventType.LEAD_QUEUED, "'QUEUED'", "queuedAt", Map.of("team", "d->>'team'",
                "priority", "d->>'priority'", "segment", "d->>'segment'", "reason", "d->>'reason'", "detail", "d->>'queue'"));
        put(EventType.LEAD_REASSIGNED, "'REASSIGNED'", "reassignedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'", "priority", "d->>'priority'", "reason", "d->>'reason'",
                        "detail", "d->>'previousOwner'"));
        put(EventType.FIRST_TOUCH_LOGGED, "'FIRST_TOUCH'", "touchedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'", "reason", "d->>'channel'"));
        put(EventType.LEAD_ACCEPTED, "'SAL'", "acceptedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'"));
        put(EventType.LEAD_REJECTED, "'REJECTED'", "rejectedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'", "reason", "d->>'reason'"));
        put(EventType.LEAD_SALES_QUALIFIED, "'SQL'", "qualifiedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'"));
        put(EventType.LEAD_OUTCOME_RECORDED, "d->>'outcome'", "recordedAt",
                Map.of("owner", "d->>'owner'", "team", "d->>'team'"));
        Map<String, String> clock = Map.of("owner", "d->>'owner'", "team", "d->>'team'", "priority", "d->>'priority'",
                "kind", "d->>'kind'", "clock_id", "(d->>'clockId')::uuid");
        put(EventType.SLA_MET, "'SLA_MET'", "metAt", clock);
        put(EventType.SLA_BREACHED, "'SLA_BREACHED'", "breachedAt", clock);
        Map<String, String> escalation = new LinkedHashMap<>(clock);
        escalation.put("reason", "d->>'action'");
        escalation.put("detail", "d->>'step'");
        put(EventType.SLA_ESCALATED, "'SLA_ESCALATED'", "escalatedAt", escalation);
        // a history row is several transitions: one per timestamp it gives
        TRANSITIONS.put(HISTORY_IMPORTED, "select e.event_id, v.stage, (d->>'leadId')::uuid, v.at::timestamptz, e.seq,"
                + " d->>'source', d->>'campaign', d->>'segment', d->>'priority', d->>'owner', d->>'team',"
                + " case when v.stage = 'REJECTED' then d->>'reason' end, null,"
                + " case when v.stage like 'SLA%' then 'FIRST_TOUCH' end, null,"
                + " case when v.stage = 'MQL' then (d->>'score')::int end, case when v.stage = 'MQL' then d->>'fitTier' end,"
                + " null, true"
                + " from event_log e cross join lateral (select e.body::jsonb -> 'data' as d) x"
                + " cross join lateral (values ('LEAD', coalesce(d->>'createdAt', d->>'mqlAt')), ('MQL', d->>'mqlAt'),"
                + " ('ASSIGNED', d->>'assignedAt'), ('FIRST_TOUCH', d->>'firstTouchAt'), ('SLA_BREACHED', d->>'breachedAt'),"
                + " ('SLA_MET', d->>'slaMetAt'), ('SAL', d->>'salAt'), ('SQL', d->>'sqlAt'), ('WON', d->>'wonAt'),"
                + " ('LOST', d->>'lostAt'), ('REJECTED', d->>'rejectedAt')) v(stage, at)"
                + " where e.type = '" + HISTORY_IMPORTED + "' and v.at is not null");
    }

    private static void put(EventType type, String stage, String at, Map<String, String> columns) {
        put(type, stage, at, columns, "");
    }

    private static void put(EventType type, String stage, String at, Map<String, String> columns, String condition) {
        TRANSITIONS.put(type.type(), select(type.type(), stage, at, columns) + condition);
    }

    private static String select(String type, String stage, String at, Map<String, String> columns) {
        List<String> exprs = new ArrayList<>(List.of("e.event_id", stage, "(d->>'leadId')::uuid",
                "(d->>'" + at + "')::timestamptz", "e.seq"));
        for (String column : COLUMNS.split(", ")) {
            String c = column.trim();
            if (List.of("event_id", "stage", "lead_id", "at", "seq").contains(c)) {
                continue;
            }
            exprs.add(c.equals("imported") ? "false" : columns.getOrDefault(c, "null"));
        }
        return "select " + String.join(", ", exprs)
                + " from event_log e cross join lateral (select e.body::jsonb -> 'data' as d) x where e.type = '"
                + type + "'";
    }

    /**
     * Which events to project: {@code condition} over event_log {@code e}, with one parameter; when
     * all are of one {@code type} (the live path, an import) only that type's statement runs.
     */
    public record Selection(String condition, Object parameter, String type) {
        public static Selection event(UUID id, String type) {
            return new Selection("e.event_id = ?", id, type);
        }

        public static Selection events(List<UUID> ids, String type) {
            return new Selection("e.event_id = any(?)", ids.toArray(UUID[]::new), type);
        }

        public static Selection upTo(long seq) {
            return new Selection("e.seq <= ?", seq, null);
        }

        public static Selection after(long seq) {
            return new Selection("e.seq > ?", seq, null);
        }
    }

    private Projections() {
    }

    /** The event types with a projection (others stay in the log only). */
    public static boolean projects(String type) {
        return TRANSITIONS.containsKey(type) || type.equals(EventType.REP_CHANGED.type());
    }

    /**
     * Projects the selected events into the tables with {@code suffix} ("" live, "_next" in a
     * replay's catch-up), keeps the rollups in step, and rebuilds the cycles of the leads they
     * touch. Returns the number of transitions added.
     */
    public static int project(Connection c, Selection events, String suffix) throws SQLException {
        int added = load(c, events, suffix, true);
        if (added > 0) {
            rebuildCycles(c, "lead_id in (select distinct (e.body::jsonb -> 'data' ->> 'leadId')::uuid from event_log e"
                    + " where " + events.condition() + " and e.body::jsonb -> 'data' ->> 'leadId' is not null)",
                    events.parameter(), suffix);
        }
        return added;
    }

    /**
     * The transitions (and roster changes) of the selected events, type by type, without the
     * cycles; with {@code rollups}, the transitions added are counted into transition_rollup.
     */
    public static int load(Connection c, Selection events, String suffix, boolean rollups) throws SQLException {
        int added = 0;
        for (Map.Entry<String, String> transition : TRANSITIONS.entrySet()) {
            if (events.type() != null && !events.type().equals(transition.getKey())) {
                continue;
            }
            String insert = "insert into stage_transition" + suffix + " (" + COLUMNS + ") " + transition.getValue() + " and "
                    + events.condition() + " on conflict do nothing";
            added += rollups ? count(c, "with s as (" + insert + " returning *), rolled as ("
                    + Rollups.upsertTransitions(suffix, "s") + ") select count(*) from s", events.parameter())
                    : run(c, insert, events.parameter());
        }
        if (events.type() != null && !events.type().equals(EventType.REP_CHANGED.type())) {
            return added;
        }
        run(c, "insert into rep" + suffix + " (login, team, status, weight, changed_at)"
                + " select distinct on (d->>'login') d->>'login', d->>'team', d->>'status', (d->>'weight')::int,"
                + " (d->>'changedAt')::timestamptz"
                + " from event_log e cross join lateral (select e.body::jsonb -> 'data' as d) x"
                + " where e.type = '" + EventType.REP_CHANGED.type() + "' and " + events.condition()
                + " order by d->>'login', (d->>'changedAt')::timestamptz desc"
                + " on conflict (login) do update set team = excluded.team, status = excluded.status,"
                + " weight = excluded.weight, changed_at = excluded.changed_at"
                + " where rep" + suffix + ".changed_at <= excluded.changed_at", events.parameter());
        return added;
    }

    /** Every lead's cycles, from scratch (a replay, after loading all transitions). */
    public static void rebuildAllCycles(Connection c, String suffix) throws SQLException {
        // every row gets its number: writing the table once, numbered, beats updating it in place
        String st = "stage_transition" + suffix;
        String columns = COLUMNS + ", cycle";
        run(c, "create table " + st + "_numbered (like " + st + " including defaults)", null);
        run(c, "insert into " + st + "_numbered (" + columns + ") select " + COLUMNS + ", " + CYCLE + " from " + st, null);
        run(c, "drop table " + st, null);
        run(c, "alter table " + st + "_numbered rename to " + st, null);
        rebuildCycles(c, null, null, suffix);
    }

    /** A transition's MQL cycle: the MQLs of its lead up to it (an MQL sorts first among transitions at one instant). */
    private static final String CYCLE = "sum(case when stage = 'MQL' then 1 else 0 end) over (partition by lead_id order by at,"
            + " case when stage = 'MQL' then 0 else 1 end, seq, stage rows unbounded preceding)::int";

    /**
     * Numbers the transitions of the selected leads by MQL cycle (by time; an MQL sorts first among
     * transitions at the same instant) and rebuilds their lead_cycle rows. {@code leads}: a condition
     * on an unqualified {@code lead_id} whose placeholders all take {@code parameter}; null for all.
     */
    private static void rebuildCycles(Connection c, String leads, Object parameter, String suffix) throws SQLException {
        String st = "stage_transition" + suffix;
        String lc = "lead_cycle" + suffix;
        String where = leads == null ? "true" : leads;
        String whereT = leads == null ? "true" : "t." + leads;
        if (leads != null) {
            // the lead's old cycles (and its clocks by their cycles) leave the rollups and its new ones
            // enter them, in this transaction; new transitions are in cycle 0 until numbered: in none
            run(c, Rollups.upsertClocks(suffix, "s." + leads, -1), parameter);
            run(c, "update " + st + " s set cycle = t.c from (select event_id, stage, " + CYCLE + " as c"
                    + " from " + st + " where " + where + ") t"
                    + " where s.event_id = t.event_id and s.stage = t.stage and s.cycle <> t.c", parameter);
            run(c, Rollups.upsertCycles(suffix, "c." + leads, -1), parameter);
            run(c, Rollups.upsertDurations(suffix, "c." + leads, -1), parameter);
            run(c, "delete from " + lc + " where " + where, parameter);
        }
        String owned = "t.owner is not null and (t.stage in ('ASSIGNED', 'REASSIGNED') or t.imported)";
        run(c, "insert into " + lc + " (lead_id, cycle, mql_at, source, campaign, segment, priority, score, fit_tier,"
                + " model_version, team, owner, queue, queued_at, assigned_at, first_touch_at, sal_at, rejected_at, reject_reason,"
                + " sql_at, opportunity_at, won_at, lost_at, ended_at, reassignments, breaches, open_breach_at, open_breach_kind, imported)"
                + " select t.lead_id, t.cycle, min(t.at) filter (where t.stage = 'MQL'),"
                + " coalesce(" + first("t.source", "t.stage = 'MQL' and t.source is not null") + ", min(l.source)),"
                + " coalesce(" + first("t.campaign", "t.stage = 'MQL' and t.campaign is not null") + ", min(l.campaign)), "
                + last("t.segment", "t.segment is not null") + ", "
                + first("t.priority", "t.stage = 'MQL' and t.priority is not null") + ", "
                + first("t.score", "t.stage = 'MQL'") + ", " + first("t.fit_tier", "t.stage = 'MQL'") + ", "
                + first("t.model_version", "t.stage = 'MQL'") + ", "
                + last("t.team", "t.team is not null and t.stage not like 'SLA%'") + ", " + last("t.owner", owned) + ", "
                + last("t.detail", "t.stage = 'QUEUED'") + ", "
                + firstAt("QUEUED", "ASSIGNED", "FIRST_TOUCH", "SAL", "REJECTED") + ", "
                + first("t.reason", "t.stage = 'REJECTED'") + ", " + firstAt("SQL", "OPPORTUNITY", "WON", "LOST")
                + ", min(t.at) filter (where t.stage in ('RECYCLED', 'DISQUALIFIED', 'ROUTED_ELSEWHERE')),"
                + " count(*) filter (where t.stage = 'REASSIGNED'), count(*) filter (where t.stage = 'SLA_BREACHED'),"
                + " " + OPEN_BREACH + ", case when " + OPEN_BREACH + " is not null then "
                + last("t.kind", "t.stage = 'SLA_BREACHED'") + " end, bool_or(t.imported)"
                + " from " + st + " t left join (select lead_id,"
                + " (array_agg(source order by at) filter (where source is not null))[1] as source,"
                + " (array_agg(campaign order by at) filter (where campaign is not null))[1] as campaign"
                + " from " + st + " where stage = 'LEAD' and " + where + " group by lead_id) l on l.lead_id = t.lead_id"
                + " where t.cycle > 0 and " + whereT
                + " group by t.lead_id, t.cycle having count(*) filter (where t.stage = 'MQL') > 0", parameter);
        clockDimensions(c, leads == null ? "true" : "s." + leads, parameter, suffix);
        if (leads != null) {
            run(c, Rollups.upsertCycles(suffix, "c." + leads, 1), parameter);
            run(c, Rollups.upsertDurations(suffix, "c." + leads, 1), parameter);
            run(c, Rollups.upsertClocks(suffix, "s." + leads, 1), parameter);
        }
    }

    /**
     * Gives the clocks met and breached ({@code s}, those matching {@code where}) their cycle's
     * source, campaign and segment (a clock event knows none of them), so reports filter clocks
     * without a join.
     */
    public static void clockDimensions(Connection c, String where, Object parameter, String suffix) throws SQLException {
        run(c, "update stage_transition" + suffix + " s set source = x.source, campaign = x.campaign, segment = x.segment"
                + " from lead_cycle" + suffix + " x where s.stage in ('SLA_MET', 'SLA_BREACHED') and x.lead_id = s.lead_id"
                + " and x.cycle = s.cycle and (s.source, s.campaign, s.segment) is distinct from (x.source, x.campaign,"
                + " x.segment) and " + where, parameter);
    }

    /** The rollups from scratch, from full tables (a replay, after its cycles; the migration that introduced them). */
    public static void buildRollups(Connection c, String suffix) throws SQLException {
        for (String sql : Rollups.buildAll(suffix)) {
            run(c, sql, null);
        }
    }

    /** The cycle's last breach, if nothing but SLA events happened after it: a breach open now. */
    private static final String OPEN_BREACH = "case when max(t.at) filter (where t.stage = 'SLA_BREACHED')"
            + " > coalesce(max(t.at) filter (where t.stage not like 'SLA%'), '-infinity')"
            + " then max(t.at) filter (where t.stage = 'SLA_BREACHED') end";

    private static String firstAt(String... stages) {
        return Stream.of(stages).map(s -> "min(t.at) filter (where t.stage = '" + s + "')").collect(Collectors.joining(", "));
    }

    private static String first(String column, String condition) {
        return "(array_agg(" + column + " order by t.at, t.seq) filter (where " + condition + "))[1]";
    }

    private static String last(String column, String condition) {
        return "(array_agg(" + column + " order by t.at desc, t.seq desc) filter (where " + condition + "))[1]";
    }

    /** Runs {@code sql}, binding {@code parameter} (if any) to every placeholder. */
    private static int run(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameter)) {
            return ps.executeUpdate();
        }
    }

    /** Runs a query answering one number. */
    private static int count(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameter); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object parameter) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        if (parameter != null) {
            int placeholders = (int) sql.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= placeholders; i++) {
                if (parameter instanceof UUID[] ids) {
                    ps.setArray(i, c.createArrayOf("uuid", ids));
                } else {
                    ps.setObject(i, parameter);
                }
            }
        }
        return ps;
    }
}
