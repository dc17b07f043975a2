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

    /** The dimensions reports filter on, columns of lead_cycle and of every rollup. */
    public static final List<String> DIMENSIONS = List.of("source", "campaign", "segment", "priority", "team", "owner");

    private static final List<String> CYCLE_KEYS = List.of("grain", "period", "source", "campaign", "segment", "priority",
            "team", "owner", "recycled", "model_version", "fit_tier", "score_band", "reject_reason");
    private static final List<String> CYCLE_COUNTS = List.of("mql", "assigned", "sal", "rejected", "decided", "sql",
            "opportunity", "won", "lost", "breached");

    private static final List<String> DURATION_KEYS = List.of("period", "source", "campaign", "segment", "priority", "team",
            "owner", "measure", "bucket");

    /** Durations between stages (velocity), name and interval. */
    public static final List<String[]> MEASURES = List.of(
            new String[] { "mqlToFirstTouch", "c.first_touch_at - c.mql_at" },
            new String[] { "mqlToDecision", "coalesce(c.sal_at, c.rejected_at) - c.mql_at" },
            new String[] { "salToSql", "c.sql_at - c.sal_at" },
            new String[] { "sqlToWon", "c.won_at - c.sql_at" },
            new String[] { "mqlToSql", "c.sql_at - c.mql_at" });

    /** The histogram's ratio: a bucket's durations lie within 2% of each other (see V6). */
    public static final double BUCKET_RATIO = 1.02;

    /** The transitions counted by when they happened, and which of their columns each keeps. */
    public static final List<String> TRANSITION_STAGES = List.of("LEAD", "SLA_MET", "SLA_BREACHED", "ASSIGNED", "REASSIGNED");
    private static final List<String> TRANSITION_KEYS = List.of("grain", "period", "stage", "kind", "source", "campaign",
            "priority", "team", "owner", "reason");

    private Rollups() {
    }

    /** The grain's period of an instant: the Monday of its week, or the first of its month (UTC). */
    public static String period(String grain, String at) {
        return "date_trunc(case " + grain + " when 'w' then 'week' else 'month' end, " + at + " at time zone 'UTC')::date";
    }

    /**
     * lead_cycle rows ({@code c} in {@code table}, those matching {@code where}) summed per grain
     * ({@code grains}: a VALUES list of grain letters), period and key, times {@code sign};
     * in cycle_rollup's column order.
     */
    public static String cycleCounts(String table, String grains, String where, int sign) {
        String n = sign < 0 ? "-count(*)" : "count(*)";
        return "select g.grain, " + period("g.grain", "c.mql_at") + ", c.source, c.campaign, c.segment, c.priority, c.team,"
                + " c.owner, c.cycle > 1, c.model_version, c.fit_tier, c.score / 10, c.reject_reason, " + n + ", "
                + n + " filter (where c.assigned_at is not null), " + n + " filter (where " + SAL + "), "
                + n + " filter (where c.rejected_at is not null), " + n + " filter (where " + DECIDED + "), "
                + n + " filter (where " + SQL + "), " + n + " filter (where " + OPPORTUNITY + "), "
                + n + " filter (where " + WON + "), " + n + " filter (where c.lost_at is not null), "
                + n + " filter (where c.breaches > 0)"
                + " from " + table + " c cross join " + grains + " g(grain) where " + where
                + " group by " + ordinals(CYCLE_KEYS.size()) + " order by " + ordinals(CYCLE_KEYS.size());
    }

    /** Durations of lead_cycle rows as histogram counts per MQL month, key, measure and bucket (see V6). */
    public static String durationCounts(String table, String where, int sign) {
        String values = MEASURES.stream().map(m -> "('" + m[0] + "', extract(epoch from " + m[1] + ")::float8)")
                .collect(Collectors.joining(", "));
        return "select " + period("'m'", "c.mql_at") + ", c.source, c.campaign, c.segment, c.priority, c.team, c.owner,"
                + " m.measure, " + bucket("m.seconds") + ", " + (sign < 0 ? "-count(*)" : "count(*)")
                + " from " + table + " c cross join lateral (values " + values + ") m(measure, seconds)"
                + " where m.seconds is not null and " + where
                + " group by " + ordinals(DURATION_KEYS.size()) + " order by " + ordinals(DURATION_KEYS.size());
    }

    /** A duration's histogram bucket (see V6). */
    public static String bucket(String seconds) {
        return "(sign(" + seconds + ") * (floor(ln(abs(" + seconds + ") + 1) / ln(" + BUCKET_RATIO + ")) + 1))::int";
    }

    /** The middle of a bucket, in seconds: within 1% of every duration in it (plus one second). */
    public static double bucketMiddle(int bucket) {
        return bucket == 0 ? 0 : Math.signum(bucket) * (Math.pow(BUCKET_RATIO, Math.abs(bucket) - 0.5) - 1);
    }

    /** stage_transition rows ({@code s} in {@code table}) of the counted stages, per grain, period and key. */
    public static String transitionCounts(String table, String grains, String where) {
        return "select g.grain, " + period("g.grain", "s.at") + ", s.stage,"
                + " case when s.stage like 'SLA%' then s.kind end,"
                + " case when s.stage = 'LEAD' then s.source end, case when s.stage = 'LEAD' then s.campaign end,"
                + " case when s.stage <> 'LEAD' then s.priority end, case when s.stage <> 'LEAD' then s.team end,"
                + " case when s.stage <> 'LEAD' then s.owner end, case when s.stage = 'REASSIGNED' then s.reason end, count(*)"
                + " from " + table + " s cross join " + grains + " g(grain) where s.stage in (" + TRANSITION_STAGES.stream()
                        .map(x -> "'" + x + "'").collect(Collectors.joining(", ")) + ") and " + where
                + " group by " + ordinals(TRANSITION_KEYS.size()) + " order by " + ordinals(TRANSITION_KEYS.size());
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
                insert("transition_rollup" + suffix, TRANSITION_KEYS, List.of("n"),
                        transitionCounts("stage_transition" + suffix, BOTH, "true")));
    }

    private static String insert(String table, List<String> keys, List<String> counts, String select) {
        return "insert into " + table + " (" + String.join(", ", keys) + ", " + String.join(", ", counts) + ") " + select;
    }

    /** Rows in key order, so concurrent projections lock the rollup rows they share in one order. */
    private static String upsert(String table, List<String> keys, List<String> counts, String select) {
        return insert(table, keys, counts, select) + " on conflict (" + String.join(", ", keys) + ") do update set "
                + counts.stream().map(n -> n + " = " + table + "." + n + " + excluded." + n).collect(Collectors.joining(", "));
    }

    private static String ordinals(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
