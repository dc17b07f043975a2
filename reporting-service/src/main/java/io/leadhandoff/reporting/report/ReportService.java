package io.leadhandoff.reporting.report;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.reporting.projection.Rollups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The reports, each a few set-based queries over the read models ({@code lead_cycle}: one row
 * per lead and MQL cycle; {@code stage_transition}: every stage reached; {@code rep}: the roster).
 * A stage counts the cycles that reached it or a later one (a won deal was an SQL, an SQL was
 * accepted), so imported history with gaps counts the same way as live events.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    public static final List<String> NAMES = List.of("funnel", "velocity", "sources", "rejections", "sla-compliance",
            "routing-audit", "calibration", "recycled");

    /** Below this many MQLs a group's rates are flagged as too small to read. */
    public static final int SMALL_SAMPLE = 30;

    /** Groupings a velocity or rejection report may ask for ({@code by}). */
    static final Map<String, Set<String>> GROUPINGS = Map.of(
            "velocity", Set.of("team", "owner", "priority", "source"),
            "rejections", Set.of("source", "segment", "owner", "campaign"));

    private static final String COHORT_PERIOD = "c.mql_at >= :from and c.mql_at < :to";
    private static final List<String> FUNNEL = List.of("mql", "assigned", "sal", "rejected", "sql", "opportunity", "won",
            "lost", "breached");
    private static final String ASSIGNMENT_STAGES = "'ASSIGNED', 'REASSIGNED'";

    private final EntityManager em;
    private final InstantSource clock;
    private final ReportSettings settings;

    public ReportService(EntityManager em, InstantSource clock, ReportSettings settings) {
        this.em = em;
        this.clock = clock;
        this.settings = settings;
    }

    public Report report(String name, ReportQuery query) {
        if (!NAMES.contains(name)) {
            throw ProblemException.notFound("No report named '" + Problem.echo(name)
                    + "'; the reports are " + NAMES);
        }
        return report(name, query.filter(clock.instant()), query.by == null || query.by.isBlank() ? null : query.by);
    }

    Report report(String name, ReportFilter filter, String by) {
        if (by != null && !GROUPINGS.containsKey(name)) {
            throw ProblemException.badRequest("'by' applies to " + GROUPINGS.keySet().stream().sorted().toList()
                    + ", not to " + name);
        }
        if (by != null && !GROUPINGS.get(name).contains(by)) {
            throw ProblemException.badRequest("'by' must be one of " + GROUPINGS.get(name).stream().sorted().toList()
                    + " for " + name + ", not '" + Problem.echo(by) + "'");
        }
        return switch (name) {
            case "funnel" -> funnel(filter);
            case "velocity" -> velocity(filter, by == null ? "team" : by);
            case "sources" -> sources(filter);
            case "rejections" -> rejections(filter, by == null ? "source" : by);
            case "sla-compliance" -> slaCompliance(filter);
            case "routing-audit" -> routingAudit(filter);
            case "calibration" -> calibration(filter);
            case "recycled" -> recycled(filter);
            default -> throw ProblemException.notFound("No report named '" + name + "'; the reports are " + NAMES);
        };
    }

    // --- funnel

    Report funnel(ReportFilter f) {
        String grain = "week".equals(f.cohort()) ? ReadModels.WEEK : ReadModels.MONTH;
        Map<String, Object> span = ReadModels.span(f, grain);
        List<Map<String, Object>> rows = rows("select " + cohortLabel(f, "c.period::timestamp") + " as cohort, "
                + sums(FUNNEL) + " from " + ReadModels.cycles(grain) + " c where " + f.where(column("c"))
                + " group by 1 having sum(c.mql) > 0 order by 1", f, span);
        // leads are counted by creation; before an MQL only source and campaign are known
        boolean leadsKnown = f.dimensions().keySet().stream().allMatch(d -> d.equals("source") || d.equals("campaign"));
        Map<Object, Object> leads = new LinkedHashMap<>();
        if (leadsKnown) {
            rows("select " + cohortLabel(f, "c.period::timestamp") + " as cohort, sum(c.n)::bigint as leads from "
                    + ReadModels.transitions(grain, "'LEAD'") + " c where c.stage = 'LEAD' and " + f.where(column("c"))
                    + " group by 1 having sum(c.n) > 0", f, span).forEach(r -> leads.put(r.get("cohort"), r.get("leads")));
        }
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            table.add(funnelRow(r, leadsKnown ? leads.getOrDefault(r.get("cohort"), 0L) : null));
        }
        leads.keySet().stream().filter(k -> rows.stream().noneMatch(r -> k.equals(r.get("cohort")))).forEach(k -> {
            Map<String, Object> empty = new LinkedHashMap<>(Map.of("cohort", k));
            FUNNEL.forEach(c -> empty.put(c, 0L));
            table.add(funnelRow(empty, leads.get(k)));
        });
        table.sort((a, b) -> String.valueOf(a.get("cohort")).compareTo(String.valueOf(b.get("cohort"))));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("leads", leadsKnown ? leads.values().stream().mapToLong(v -> ((Number) v).longValue()).sum() : null);
        for (String c : FUNNEL) {
            totals.put(c, table.stream().mapToLong(r -> ((Number) r.get(c)).longValue()).sum());
        }
        Map<String, Object> summary = funnelRow(totals, totals.get("leads"));
        summary.remove("cohort");
        List<Map<String, Object>> bands = new ArrayList<>();
        List<String> notes = new ArrayList<>(Benchmarks.diagnose(summary, bands));
        if (((Number) summary.get("mql")).longValue() < SMALL_SAMPLE) {
            notes.add(0, "Fewer than " + SMALL_SAMPLE + " MQLs in this period: read the rates with care.");
        }
        Map<String, Report.Table> tables = new LinkedHashMap<>();
        tables.put("funnel", table(table));
        tables.put("benchmarks", table(bands));
        return new Report("funnel", f.from(), f.to(), f.applied(), f.cohort(), summary, tables, notes);
    }

    private static Map<String, Object> funnelRow(Map<String, Object> r, Object leads) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cohort", r.get("cohort"));
        row.put("leads", leads);
        FUNNEL.forEach(c -> row.put(c, r.get(c)));
        row.put("mqlToSal", rate(r.get("sal"), r.get("mql")));
        row.put("salToSql", rate(r.get("sql"), r.get("sal")));
        row.put("mqlToSql", rate(r.get("sql"), r.get("mql")));
        row.put("sqlToOpportunity", rate(r.get("opportunity"), r.get("sql")));
        row.put("opportunityToWon", rate(r.get("won"), r.get("opportunity")));
        row.put("mqlToWon", rate(r.get("won"), r.get("mql")));
        return row;
    }

    // --- velocity

    Report velocity(ReportFilter f, String by) {
        Map<String, Object> span = ReadModels.span(f, ReadModels.MONTH);
        List<String> measures = List.of("mqlToFirstTouch", "mqlToDecision", "salToSql", "sqlToWon");
        boolean estimated = estimated(f, span);
        List<Map<String, Object>> rows;
        if (estimated) {
            rows = new ArrayList<>();
            estimatedHours(f, span, List.of(by), measures).forEach((key, hours) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group", key.get(0));
                row.putAll(hours);
                rows.add(row);
            });
            rows.sort(Comparator.<Map<String, Object>>comparingLong(r -> -((Number) r.get("mql")).longValue())
                    .thenComparing(r -> (String) r.get("group"), Comparator.nullsLast(Comparator.naturalOrder())));
        } else {
            rows = rows("select c." + by + " as \"group\", count(*) as mql, " + measures.stream().map(ReportService::exactHours)
                    .collect(Collectors.joining(", ")) + " from lead_cycle c where " + COHORT_PERIOD + " and "
                    + f.where(column("c")) + " group by 1 order by 2 desc, 1", f);
        }
        rows.forEach(r -> r.put("smallSample", ((Number) r.get("mql")).longValue() < SMALL_SAMPLE));
        List<String> notes = new ArrayList<>(List.of("Hours between stages: median and 90th percentile, over the"
                + " cycles that reached both stages."));
        if (estimated) {
            notes.add(ESTIMATED);
        }
        return new Report("velocity", f.from(), f.to(), withBy(f, by), f.cohort(), Map.of("by", by, "estimated", estimated),
                Map.of("velocity", table(rows)), notes);
    }

    private static final String ESTIMATED = "Percentiles estimated from the monthly histograms, within 1% of the exact"
            + " value: the period holds more cycles than are sorted one by one.";

    /** Whether the period's cycles (under the filters) are too many to sort for exact percentiles. */
    private boolean estimated(ReportFilter f, Map<String, Object> span) {
        Object cycles = rows("select " + ReadModels.cycleCount(f.where(column("c"))) + " as cycles", f, span).get(0)
                .get("cycles");
        return ((Number) cycles).longValue() > settings.exactPercentilesUpTo();
    }

    /**
     * Per group (the values of the {@code groups} columns): its cycles ({@code mql}) and the median
     * and 90th percentile in hours of each measure, estimated from the duration histograms.
     */
    private Map<List<Object>, Map<String, Object>> estimatedHours(ReportFilter f, Map<String, Object> span,
            List<String> groups, List<String> measures) {
        String keys = groups.stream().map(g -> "c." + g).collect(Collectors.joining(", "));
        Map<List<Object>, Map<String, Histogram>> histograms = new LinkedHashMap<>();
        List<String> read = new ArrayList<>(measures);
        read.add(Rollups.CYCLES);
        for (Map<String, Object> r : rows("select " + keys + ", c.measure, c.bucket, sum(c.n)::bigint as n from "
                + ReadModels.durations() + " c where c.measure in (" + read.stream().map(m -> "'" + m + "'")
                        .collect(Collectors.joining(", ")) + ") and " + f.where(column("c"))
                + " group by " + keys + ", c.measure, c.bucket having sum(c.n) > 0", f, span)) {
            histograms.computeIfAbsent(groups.stream().map(r::get).collect(Collectors.toList()), k -> new HashMap<>())
                    .computeIfAbsent((String) r.get("measure"), k -> new Histogram())
                    .add(((Number) r.get("bucket")).intValue(), ((Number) r.get("n")).longValue());
        }
        Map<List<Object>, Map<String, Object>> hours = new LinkedHashMap<>();
        histograms.forEach((key, byMeasure) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mql", byMeasure.getOrDefault(Rollups.CYCLES, new Histogram()).size());
            for (String m : measures) {
                Histogram h = byMeasure.getOrDefault(m, new Histogram());
                row.put(m + "MedianHours", inHours(h.percentile(0.5)));
                row.put(m + "P90Hours", inHours(h.percentile(0.9)));
            }
            if (((Number) row.get("mql")).longValue() > 0) {
                hours.put(key, row);
            }
        });
        return hours;
    }

    private static Double inHours(Double seconds) {
        return seconds == null ? null : BigDecimal.valueOf(seconds / 3600).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** percentile_cont's median and 90th percentile of a measure, in hours, over the cycles that reached it. */
    private static String exactHours(String measure) {
        String interval = Rollups.MEASURES.stream().filter(m -> m[0].equals(measure)).findFirst().orElseThrow()[1];
        String seconds = "extract(epoch from " + interval + ")";
        return "round((percentile_cont(0.5) within group (order by " + seconds + ") filter (where " + interval
                + " is not null) / 3600)::numeric, 2) as \"" + measure + "MedianHours\", "
                + "round((percentile_cont(0.9) within group (order by " + seconds + ") filter (where " + interval
                + " is not null) / 3600)::numeric, 2) as \"" + measure + "P90Hours\"";
    }

    // --- sources

    Report sources(ReportFilter f) {
        Map<String, Object> span = ReadModels.span(f, ReadModels.MONTH);
        boolean estimated = estimated(f, span);
        List<Map<String, Object>> rows;
        if (estimated) {
            rows = rows("select c.source, c.campaign, " + sums(List.of("mql", "sal", "sql", "won")) + " from "
                    + ReadModels.cycles(ReadModels.MONTH) + " c where " + f.where(column("c"))
                    + " group by 1, 2 having sum(c.mql) > 0 order by 3 desc, 1, 2", f, span);
            Map<List<Object>, Map<String, Object>> hours = estimatedHours(f, span, List.of("source", "campaign"),
                    List.of("mqlToSql"));
            for (Map<String, Object> r : rows) {
                Map<String, Object> h = hours.getOrDefault(Arrays.asList(r.get("source"), r.get("campaign")), Map.of());
                r.put("mqlToSqlMedianHours", h.get("mqlToSqlMedianHours"));
                r.put("mqlToSqlP90Hours", h.get("mqlToSqlP90Hours"));
            }
        } else {
            rows = rows("""
                    select c.source, c.campaign, count(*) as mql, count(*) filter (where %s) as sal,
                      count(*) filter (where %s) as sql, count(*) filter (where c.won_at is not null) as won, %s
                    from lead_cycle c where %s and %s group by 1, 2 order by 3 desc, 1, 2"""
                    .formatted(Rollups.SAL, Rollups.SQL, exactHours("mqlToSql"), COHORT_PERIOD, f.where(column("c"))), f);
        }
        for (Map<String, Object> r : rows) {
            r.put("salRate", rate(r.get("sal"), r.get("mql")));
            r.put("sqlRate", rate(r.get("sql"), r.get("mql")));
            r.put("wonRate", rate(r.get("won"), r.get("mql")));
            r.put("smallSample", ((Number) r.get("mql")).longValue() < SMALL_SAMPLE);
        }
        List<String> notes = new ArrayList<>(List.of("Groups with fewer than " + SMALL_SAMPLE
                + " MQLs are flagged smallSample: too few to compare."));
        if (estimated) {
            notes.add(ESTIMATED);
        }
        return new Report("sources", f.from(), f.to(), f.applied(), f.cohort(), Map.of("estimated", estimated),
                Map.of("sources", table(rows)), notes);
    }

    // --- rejections

    Report rejections(ReportFilter f, String by) {
        Map<String, Object> span = ReadModels.span(f, ReadModels.MONTH);
        String cycles = ReadModels.cycles(ReadModels.MONTH);
        List<Map<String, Object>> matrix = rows("""
                select c.%s as "group", c.reject_reason as reason, sum(c.rejected)::bigint as rejected,
                  round(sum(c.rejected) / sum(sum(c.rejected)) over (partition by c.%s), 4) as "shareOfGroup"
                from %s c where c.rejected > 0 and %s group by 1, 2 having sum(c.rejected) > 0 order by 1, 3 desc, 2"""
                .formatted(by, by, cycles, f.where(column("c"))), f, span);
        List<Map<String, Object>> reps = rows("""
                select c.owner, c.team, sum(c.decided)::bigint as decided, sum(c.rejected)::bigint as rejected,
                  round(sum(c.rejected) / nullif(sum(c.decided), 0), 4) as "rejectionRate",
                  round(sum(sum(c.rejected)) over (partition by c.team)
                        / nullif(sum(sum(c.decided)) over (partition by c.team), 0), 4) as "teamRejectionRate"
                from %s c where c.owner is not null and %s group by 1, 2 having sum(c.mql) > 0 order by 2, 1"""
                .formatted(cycles, f.where(column("c"))), f, span);
        Map<String, Report.Table> tables = new LinkedHashMap<>();
        tables.put("reasons", table(matrix));
        tables.put("reps", table(reps));
        long total = matrix.stream().mapToLong(r -> ((Number) r.get("rejected")).longValue()).sum();
        return new Report("rejections", f.from(), f.to(), withBy(f, by), f.cohort(), Map.of("by", by, "rejected", total),
                tables, List.of("A rep's rejection rate is rejected / decided (accepted or rejected) in the MQL cohort,"
                        + " set against the team's."));
    }

    // --- SLA compliance

    Report slaCompliance(ReportFilter f) {
        // by when clocks were met or breached; the clock's kind, team, owner and priority, its cycle's other dimensions
        List<Map<String, Object>> rows = rows("""
                select c.kind, c.team, c.owner, coalesce(sum(c.n) filter (where c.stage = 'SLA_MET'), 0)::bigint as met,
                  coalesce(sum(c.n) filter (where c.stage = 'SLA_BREACHED'), 0)::bigint as breached
                from %s c where %s group by 1, 2, 3 having sum(c.n) > 0 order by 1, 2, 3"""
                .formatted(ReadModels.clocks(), f.where(column("c"))), f, ReadModels.span(f, ReadModels.MONTH));
        rows.forEach(r -> r.put("compliance", rate(r.get("met"), ((Number) r.get("met")).longValue()
                + ((Number) r.get("breached")).longValue())));
        List<Map<String, Object>> open = rows("""
                select c.open_breach_kind as kind, c.team, c.owner, count(*) as open, min(c.open_breach_at) as "oldestBreachAt"
                from lead_cycle c where c.open_breach_at is not null and %s
                group by 1, 2, 3 order by 4 desc, 1, 2, 3""".formatted(f.where(column("c"))), f);
        long met = rows.stream().mapToLong(r -> ((Number) r.get("met")).longValue()).sum();
        long breached = rows.stream().mapToLong(r -> ((Number) r.get("breached")).longValue()).sum();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("met", met);
        summary.put("breached", breached);
        summary.put("compliance", rate(met, met + breached));
        summary.put("openBreaches", open.stream().mapToLong(r -> ((Number) r.get("open")).longValue()).sum());
        Map<String, Report.Table> tables = new LinkedHashMap<>();
        tables.put("compliance", table(rows));
        tables.put("open", table(open));
        return new Report("sla-compliance", f.from(), f.to(), f.applied(), f.cohort(), summary, tables,
                List.of("Met and breached clocks in the period by when they were met or breached. An open breach is"
                        + " one after which nothing has happened to the lead yet (whatever the period)."));
    }

    // --- routing audit

    Report routingAudit(ReportFilter f) {
        List<Map<String, Object>> departed = rows("""
                select c.lead_id as "leadId", c.owner, r.status, c.team, c.mql_at as "mqlAt"
                from lead_cycle c join rep r on r.login = c.owner
                where r.status <> 'ACTIVE' and c.ended_at is null and c.rejected_at is null and c.won_at is null
                  and c.lost_at is null and %s order by c.mql_at limit 1000""".formatted(f.where(column("c"))), f);
        Function<String, String> roster = d -> switch (d) {
            case "team" -> "r.team";
            case "owner" -> "r.login";
            default -> null;
        };
        List<Map<String, Object>> shares = rows("""
                select r.team, r.login as owner, r.weight, coalesce(a.n, 0) as assigned,
                  round(coalesce(a.n, 0)::numeric / nullif(sum(coalesce(a.n, 0)) over (partition by r.team), 0), 4) as share,
                  round(r.weight::numeric / sum(r.weight) over (partition by r.team), 4) as "weightShare"
                from rep r left join (select c.owner, sum(c.n)::bigint as n from %s c group by 1) a on a.owner = r.login
                where r.status = 'ACTIVE' and %s order by 1, 2""".formatted(ReadModels.transitions(ReadModels.MONTH,
                ASSIGNMENT_STAGES), f.where(roster)), f, ReadModels.span(f, ReadModels.MONTH));
        for (Map<String, Object> r : shares) {
            r.put("deviation", r.get("share") == null ? null
                    : round(((Number) r.get("share")).doubleValue() - ((Number) r.get("weightShare")).doubleValue()));
        }
        List<Map<String, Object>> queues = rows("""
                select c.queue, c.team, count(*) as waiting,
                  round((extract(epoch from cast(:now as timestamptz) - min(c.queued_at)) / 3600)::numeric, 2) as "oldestHours",
                  round((percentile_cont(0.5) within group (order by extract(epoch from cast(:now as timestamptz) - c.queued_at)) / 3600)::numeric, 2)
                    as "medianHours"
                from lead_cycle c where c.queued_at is not null and c.assigned_at is null and c.ended_at is null
                  and c.rejected_at is null and %s group by 1, 2 order by 3 desc""".formatted(f.where(column("c"))),
                f, Map.of("now", clock.instant()));
        List<Map<String, Object>> reassignments = rows("""
                select c.reason, sum(c.n)::bigint as reassignments from %s c
                where c.stage = 'REASSIGNED' and %s group by 1 having sum(c.n) > 0 order by 2 desc, 1"""
                .formatted(ReadModels.transitions(ReadModels.MONTH, "'REASSIGNED'"), f.where(d -> d.equals("team")
                        || d.equals("owner") || d.equals("priority") ? "c." + d : null)), f, ReadModels.span(f, ReadModels.MONTH));
        Map<String, Report.Table> tables = new LinkedHashMap<>();
        tables.put("departed", table(departed));
        tables.put("shares", table(shares));
        tables.put("queues", table(queues));
        tables.put("reassignments", table(reassignments));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ownedByDeparted", departed.size());
        summary.put("queued", queues.stream().mapToLong(r -> ((Number) r.get("waiting")).longValue()).sum());
        summary.put("reassignments", reassignments.stream().mapToLong(r -> ((Number) r.get("reassignments")).longValue()).sum());
        return new Report("routing-audit", f.from(), f.to(), f.applied(), f.cohort(), summary, tables, List.of(
                "departed: open leads whose owner has left; shares: each active rep's share of the team's assignments"
                        + " in the period against its weight's share; queues: leads waiting now; reassignments by reason."));
    }

    // --- calibration

    Report calibration(ReportFilter f) {
        List<Map<String, Object>> rows = rows("""
                select c.model_version as "modelVersion", c.fit_tier as "fitTier",
                  (c.score_band * 10) || '-' || (c.score_band * 10 + 9) as "scoreBand", %s
                from %s c where c.score_band is not null and %s
                group by 1, 2, c.score_band having sum(c.mql) > 0 order by 1, 2, c.score_band"""
                .formatted(sums(List.of("mql", "decided", "sal", "sql", "won")), ReadModels.cycles(ReadModels.MONTH),
                        f.where(column("c"))), f, ReadModels.span(f, ReadModels.MONTH));
        for (Map<String, Object> r : rows) {
            r.put("acceptanceRate", rate(r.get("sal"), r.get("decided")));
            r.put("sqlRate", rate(r.get("sql"), r.get("mql")));
            r.put("wonRate", rate(r.get("won"), r.get("mql")));
            r.put("smallSample", ((Number) r.get("mql")).longValue() < SMALL_SAMPLE);
        }
        return new Report("calibration", f.from(), f.to(), f.applied(), f.cohort(), Map.of(),
                Map.of("calibration", table(rows)), List.of("A well-calibrated model accepts and converts more in"
                        + " higher score bands and better fit tiers; a flat line means the score does not predict."));
    }

    // --- recycled

    Report recycled(ReportFilter f) {
        List<Map<String, Object>> bySource = rows("""
                select c.source, sum(c.mql)::bigint as requalified, %s
                from %s c where c.recycled and %s group by 1 having sum(c.mql) > 0 order by 2 desc, 1"""
                .formatted(sums(List.of("sal", "sql", "won")), ReadModels.cycles(ReadModels.MONTH), f.where(column("c"))),
                f, ReadModels.span(f, ReadModels.MONTH));
        bySource.forEach(r -> r.put("sqlRate", rate(r.get("sql"), r.get("requalified"))));
        List<Map<String, Object>> converted = rows("""
                select c.lead_id as "leadId", c.cycle, c.mql_at as "mqlAt", c.source, c.campaign, c.owner,
                  coalesce(c.sql_at, c.opportunity_at, c.won_at) as "sqlAt", c.won_at as "wonAt"
                from lead_cycle c where c.cycle > 1 and %s and %s and %s order by c.mql_at limit 1000"""
                .formatted(Rollups.SQL, COHORT_PERIOD, f.where(column("c"))), f);
        Map<String, Object> summary = new LinkedHashMap<>();
        long requalified = bySource.stream().mapToLong(r -> ((Number) r.get("requalified")).longValue()).sum();
        long sql = bySource.stream().mapToLong(r -> ((Number) r.get("sql")).longValue()).sum();
        summary.put("requalified", requalified);
        summary.put("converted", sql);
        summary.put("won", bySource.stream().mapToLong(r -> ((Number) r.get("won")).longValue()).sum());
        summary.put("sqlRate", rate(sql, requalified));
        Map<String, Report.Table> tables = new LinkedHashMap<>();
        tables.put("sources", table(bySource));
        tables.put("converted", table(converted));
        return new Report("recycled", f.from(), f.to(), f.applied(), f.cohort(), summary, tables, List.of(
                "Leads that were recycled and qualified again (MQL cycle 2 or later) in the period, and those that"
                        + " then became SQL or won."));
    }

    // --- plumbing

    private static Function<String, String> column(String alias) {
        return d -> alias + "." + ReportFilter.DIMENSIONS.get(d);
    }

    /** Sums of rollup counts, named as the counts. */
    private static String sums(List<String> counts) {
        return counts.stream().map(n -> "sum(c." + n + ")::bigint as " + n).collect(Collectors.joining(", "));
    }

    private static Map<String, String> withBy(ReportFilter f, String by) {
        Map<String, String> applied = new LinkedHashMap<>(f.applied());
        applied.put("by", by);
        return applied;
    }

    /** A cohort's label from a period's first day ({@code at}, a timestamp). */
    private static String cohortLabel(ReportFilter f, String at) {
        if (f.cohort() == null) {
            return "'all'";
        }
        String format = switch (f.cohort()) {
            case "week" -> "IYYY-\"W\"IW";
            case "month" -> "YYYY-MM";
            default -> "YYYY-\"Q\"Q";
        };
        return "to_char(" + at + ", '" + format + "')";
    }

    private List<Map<String, Object>> rows(String sql, ReportFilter f) {
        return rows(sql, f, Map.of());
    }

    /** Runs a query with named parameters ({@code :name}) through JDBC, so even an empty result knows its columns. */
    private List<Map<String, Object>> rows(String sql, ReportFilter f, Map<String, Object> extra) {
        Map<String, Object> parameters = new LinkedHashMap<>(f.parameters());
        parameters.putAll(extra);
        List<Object> values = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            if (!parameters.containsKey(m.group(1))) {
                throw new IllegalStateException("No value for :" + m.group(1));
            }
            values.add(parameters.get(m.group(1)));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(jdbc.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    ps.setObject(i + 1, v instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    Rows rows = new Rows(columns);
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.put(columns.get(i), value(rs.getObject(i + 1)));
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
        });
    }

    /** A named parameter, not a cast ({@code ::int}). */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-zA-Z_]\\w*)");

    private static Object value(Object v) {
        return switch (v) {
            case BigDecimal d -> d.doubleValue();
            case Timestamp t -> t.toInstant();
            case OffsetDateTime t -> t.toInstant();
            case Integer i -> i.longValue();
            case null, default -> v;
        };
    }

    private static Report.Table table(List<Map<String, Object>> rows) {
        List<String> columns = !rows.isEmpty() ? List.copyOf(rows.get(0).keySet())
                : rows instanceof Rows r ? r.columns : List.of();
        return new Report.Table(columns, rows);
    }

    static Double rate(Object numerator, Object denominator) {
        long d = ((Number) denominator).longValue();
        return d == 0 ? null : round(((Number) numerator).doubleValue() / d);
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** Query results that know their columns even when empty. */
    private static final class Rows extends ArrayList<Map<String, Object>> {
        final List<String> columns;

        Rows(List<String> columns) {
            this.columns = columns;
        }
    }
}
