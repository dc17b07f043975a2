package io.leadhandoff.reporting.projection;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rollups (migration V6): lead_cycle and stage_transition summed per week or month and per
 * dimension. One definition of each sum serves three uses: keeping the rollups in step with a
 * lead's cycles (its old rows subtracted, its new ones added, in the projection's transaction),
 * building them whole in a replay, and reading the ragged ends of a report's period from the rows
 * themselves, so both halves of a report count the same way.
 */
public final class Rollups {

    /** A stage counts the cycles that reached it or a later one (a won deal was an SQL, an SQL was accepted). */
    public static final String SAL = "(c.sal_at is not null or c.sql_at is not null or c.opportunity_at is not null"
            + " or c.won_at is not null)";
    public static final String SQL = "(c.sql_at is not null or c.opportunity_at is not null or c.won_at is not null)";
    static final String OPPORTUNITY = "(c.opportunity_at is not null or c.won_at is not null)";
    static final String WON = "(c.won_at is not null)";
    static final String DECIDED = "(" + SAL + " or c.rejected_at is not null)";

    private static final List<String> CYCLE_KEYS = List.of("grain", "period", "source", "campaign", "segment", "priority",
            "team", "owner", "recycled", "model_version", "fit_tier", "score_band", "reject_reason");
    private static final List<String> CYCLE_COUNTS = List.of("mql", "assigned", "sal", "rejected", "decided", "sql",
            "opportunity", "won", "lost", "breached");

    private static final List<String> DURATION_KEYS = List.of("period", "source", "campaign", "segment", "priority", "team",
            "owner", "measure", "bucket");

    /**
     * Durations between stages (velocity): name, interval, and the lead_cycle column holding its
     * histogram bucket (V6); "mql" counts the cycles, so one histogram query knows each group's size.
     */
    public static final List<String[]> MEASURES = List.of(
            new String[] { "mqlToFirstTouch", "c.first_touch_at - c.mql_at", "first_touch_bucket" },
            new String[] { "mqlToDecision", "coalesce(c.sal_at, c.rejected_at) - c.mql_at", "decision_bucket" },
            new String[] { "salToSql", "c.sql_at - c.sal_at", "sal_sql_bucket" },
            new String[] { "sqlToWon", "c.won_at - c.sql_at", "sql_won_bucket" },
            new String[] { "mqlToSql", "c.sql_at - c.mql_at", "mql_sql_bucket" });

    /** The pseudo-measure counting cycles in the duration histograms. */
    public static final String CYCLES = "mql";

    /** The histogram's ratio: a bucket's durations lie within 2% of each other (see V6). */
    public static final double BUCKET_RATIO = 1.02;

    /** The transitions counted by when they happened (clocks: see {@link #clockRows}), and which of their columns each keeps. */
    public static final List<String> TRANSITION_STAGES = List.of("LEAD", "ASSIGNED", "REASSIGNED");
    private static final List<String> TRANSITION_KEYS = List.of("grain", "period", "stage", "source", "campaign",
            "priority", "team", "owner", "reason");

    private Rollups() {
    }

    /** The grain's period of an instant: the Monday of its week, or the first of its month (UTC). */
    public static String period(String grain, String at) {
        return "date_trunc(case " + grain + " when 'w' then 'week' else 'month' end, " + at + " at time zone 'UTC')::date";
    }

    /**
     * lead_cycle rows ({@code c} in {@code table}, those matching {@code where}) per grain
     * ({@code grains}: a VALUES list of grain letters), each with its period, key and 1 (times
     * {@code sign}) in each count it adds to; in cycle_rollup's column order. Weeks serve only the
     * funnel by week: they keep the six dimensions and not the finer keys (fewer rows to sum).
     */
    public static String cycleRows(String table, String grains, String where, int sign) {
        String one = one(sign);
        String month = "g.grain = 'm'";
        return "select g.grain, " + period("g.grain", "c.mql_at") + " as period, c.source, c.campaign, c.segment,"
                + " c.priority, c.team, c.owner, " + month + " and c.cycle > 1 as recycled, case when " + month
                + " then c.model_version end as model_version, case when " + month + " then c.fit_tier end as fit_tier,"
                + " case when " + month + " then c.score / 10 end as score_band, case when " + month
                + " then c.reject_reason end as reject_reason, " + one + " as mql, "
                + counted(one, "c.assigned_at is not null") + " as assigned, " + counted(one, SAL) + " as sal, "
                + counted(one, "c.rejected_at is not null") + " as rejected, " + counted(one, DECIDED) + " as decided, "
                + counted(one, SQL) + " as sql, " + counted(one, OPPORTUNITY) + " as opportunity, " + counted(one, WON)
                + " as won, " + counted(one, "c.lost_at is not null") + " as lost, " + counted(one, "c.breaches > 0")
                + " as breached from " + table + " c cross join " + grains + " g(grain) where " + where;
    }

    private static String counted(String one, String condition) {
        return "case when " + condition + " then " + one + " else 0 end";
    }

    /** {@link #cycleRows} summed per grain, period and key, in key order. */
    static String cycleCounts(String table, String grains, String where, int sign) {
        return summed(CYCLE_KEYS, CYCLE_COUNTS, cycleRows(table, grains, where, sign));
    }

    /** lead_cycle rows' durations, one row per measure reached (and one for the cycle), with its MQL month, key and bucket. */
    public static String durationRows(String table, String where, int sign) {
        String values = MEASURES.stream().map(m -> "('" + m[0] + "', c." + m[2] + ")").collect(Collectors.joining(", "));
        return "select " + period("'m'", "c.mql_at") + " as period, c.source, c.campaign, c.segment, c.priority, c.team,"
                + " c.owner, m.measure, m.bucket, " + one(sign) + " as n"
                + " from " + table + " c cross join lateral (values ('" + CYCLES + "', 0), " + values + ") m(measure, bucket)"
                + " where m.bucket is not null and " + where;
    }

    /** {@link #durationRows} counted per month, key, measure and bucket, in key order. */
    static String durationCounts(String table, String where, int sign) {
        return summed(DURATION_KEYS, List.of("n"), durationRows(table, where, sign));
    }

    /** The middle of a bucket, in seconds: within 1% of every duration in it (plus one second). */
    public static double bucketMiddle(int bucket) {
        return bucket == 0 ? 0 : Math.signum(bucket) * (Math.pow(BUCKET_RATIO, Math.abs(bucket) - 0.5) - 1);
    }

    /** stage_transition rows ({@code s} in {@code table}) of the counted stages, per grain, with period, key and 1. */
    public static String transitionRows(String table, String grains, String where) {
        return "select g.grain, " + period("g.grain", "s.at") + " as period, s.stage,"
                + " case when s.stage = 'LEAD' then s.source end as source,"
                + " case when s.stage = 'LEAD' then s.campaign end as campaign,"
                + " case when s.stage <> 'LEAD' then s.priority end as priority,"
                + " case when s.stage <> 'LEAD' then s.team end as team,"
                + " case when s.stage <> 'LEAD' then s.owner end as owner,"
                + " case when s.stage = 'REASSIGNED' then s.reason end as reason, 1 as n"
                + " from " + table + " s cross join " + grains + " g(grain) where s.stage in (" + TRANSITION_STAGES.stream()
                        .map(x -> "'" + x + "'").collect(Collectors.joining(", ")) + ") and " + where;
    }

    /** {@link #transitionRows} counted per grain, period and key, in key order. */
    static String transitionCounts(String table, String grains, String where) {
        return summed(TRANSITION_KEYS, List.of("n"), transitionRows(table, grains, where));
    }

    private static final List<String> CLOCK_KEYS = List.of("period", "stage", "kind", "team", "owner", "priority", "source",
            "campaign", "segment");

    /**
     * Clocks met and breached ({@code s} in stage_transition{@code suffix}) in MQL cycles, one row
     * each with its month, the clock's kind, team, owner and priority and its cycle's source,
     * campaign and segment (copied onto it, see Projections.clockDimensions), and 1 (times {@code sign}).
     */
    public static String clockRows(String suffix, String where, int sign) {
        return "select " + period("'m'", "s.at") + " as period, s.stage, s.kind, s.team, s.owner, s.priority, s.source,"
                + " s.campaign, s.segment, " + one(sign) + " as n from stage_transition" + suffix + " s"
                + " where s.stage in ('SLA_MET', 'SLA_BREACHED') and s.cycle > 0 and " + where;
    }

    private static String clockCounts(String suffix, String where, int sign) {
        return summed(CLOCK_KEYS, List.of("n"), clockRows(suffix, where, sign));
    }

    static String upsertClocks(String suffix, String where, int sign) {
        return upsert("clock_rollup" + suffix, CLOCK_KEYS, List.of("n"), clockCounts(suffix, where, sign));
    }

    /** Both grains, for the rollups. */
    public static final String BOTH = "(values ('w'), ('m'))";

    /** Adds (sign 1) or subtracts (-1) the cycles matching {@code where} to the cycle and duration rollups. */
    static String upsertCycles(String suffix, String where, int sign) {
        return upsert("cycle_rollup" + suffix, CYCLE_KEYS, CYCLE_COUNTS, cycleCounts("lead_cycle" + suffix, BOTH, where, sign));
    }

    static String upsertDurations(String suffix, String where, int sign) {
        return upsert("duration_rollup" + suffix, DURATION_KEYS, List.of("n"),
                durationCounts("lead_cycle" + suffix, where, sign));
    }

    /** Counts the new transitions ({@code s}, e.g. a CTE of inserted rows) into transition_rollup. */
    static String upsertTransitions(String suffix, String from) {
        return upsert("transition_rollup" + suffix, TRANSITION_KEYS, List.of("n"), transitionCounts(from, BOTH, "true"));
    }

    /** The rollups from scratch: the tables are empty (a replay, the migration that introduced them). */
    static List<String> buildAll(String suffix) {
        return List.of(
                insert("cycle_rollup" + suffix, CYCLE_KEYS, CYCLE_COUNTS, cycleCounts("lead_cycle" + suffix, BOTH, "true", 1)),
                insert("duration_rollup" + suffix, DURATION_KEYS, List.of("n"),
                        durationCounts("lead_cycle" + suffix, "true", 1)),
                insert("clock_rollup" + suffix, CLOCK_KEYS, List.of("n"), clockCounts(suffix, "true", 1)),
                insert("transition_rollup" + suffix, TRANSITION_KEYS, List.of("n"),
                        transitionCounts("stage_transition" + suffix, BOTH, "true")));
    }

    private static String insert(String table, List<String> keys, List<String> counts, String select) {
        return "insert into " + table + " (" + String.join(", ", keys) + ", " + String.join(", ", counts) + ") " + select;
    }

    /** Adds {@code select}'s sums to a rollup's rows, creating those that are missing. */
    private static String upsert(String table, List<String> keys, List<String> counts, String select) {
        return insert(table, keys, counts, select) + " on conflict (" + String.join(", ", keys) + ") do update set "
                + counts.stream().map(n -> n + " = " + table + "." + n + " + excluded." + n).collect(Collectors.joining(", "));
    }

    /**
     * {@code rows} (a select with the key columns and the counts) summed per key, in key order, so
     * concurrent projections lock the rollup rows they share in one order.
     */
    private static String summed(List<String> keys, List<String> counts, String rows) {
        return "select " + String.join(", ", keys) + ", " + counts.stream().map(n -> "sum(" + n + ")")
                .collect(Collectors.joining(", ")) + " from (" + rows + ") r group by " + ordinals(keys.size())
                + " order by " + ordinals(keys.size());
    }

    /** A row's count: 1, or -1 when the rows are subtracted. */
    private static String one(int sign) {
        return sign < 0 ? "-1" : "1";
    }

    private static String ordinals(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
