package io.leadhandoff.reporting.report;

import io.leadhandoff.reporting.projection.Rollups;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Where a report reads its sums: the rollups for the whole weeks or months inside its period, and
 * the rows themselves (summed the same way, see {@link Rollups}) for the ragged ends. Each source is
 * a subquery with the rollup's columns; its parameters come from {@link #span}.
 */
final class ReadModels {

    /** Month grain for every report, week grain for a funnel by week. */
    static final String WEEK = "w";
    static final String MONTH = "m";

    private ReadModels() {
    }

    /**
     * The parameters of a period's split: {@code r_from} to {@code r_to} (instants) and
     * {@code r_from_day} to {@code r_to_day} (dates) bound the whole weeks or months read from a
     * rollup; empty (both at the period's end) when the period holds none.
     */
    static Map<String, Object> span(ReportFilter f, String grain) {
        LocalDateTime from = LocalDateTime.ofInstant(f.from(), ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(f.to(), ZoneOffset.UTC);
        LocalDate first = start(from.toLocalDate(), grain);
        if (!first.atStartOfDay().equals(from)) {
            first = grain.equals(WEEK) ? first.plusWeeks(1) : first.plusMonths(1);
        }
        LocalDate last = start(to.toLocalDate(), grain);
        if (!first.isBefore(last)) {
            return Map.of("r_from", f.to(), "r_to", f.to(), "r_from_day", last, "r_to_day", last);
        }
        return Map.of("r_from", instant(first), "r_to", instant(last), "r_from_day", first, "r_to_day", last);
    }

    private static LocalDate start(LocalDate day, String grain) {
        // weeks start on Monday (ISO), as PostgreSQL's date_trunc('week')
        return grain.equals(WEEK) ? day.minusDays(day.getDayOfWeek().getValue() - 1L) : day.withDayOfMonth(1);
    }

    private static Instant instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The period's ends outside its whole weeks or months, as a condition on an instant. */
    private static String ragged(String at) {
        return "((" + at + " >= :from and " + at + " < :r_from) or (" + at + " >= :r_to and " + at + " < :to))";
    }

    private static String grains(String grain) {
        return "(values ('" + grain + "'))";
    }

    /** MQL cycles by cohort period and key, with cycle_rollup's columns (a stage counts as in {@link Rollups}). */
    static String cycles(String grain) {
        return "(select * from cycle_rollup where grain = '" + grain + "' and period >= :r_from_day and period < :r_to_day"
                + " union all " + Rollups.cycleRows("lead_cycle", grains(grain), ragged("c.mql_at"), 1) + ")";
    }

    /**
     * The number of MQL cycles in the period under a filter ({@code where}, on alias {@code c}): the
     * rollup's count for the whole months, the cycles' for the ragged ends (month grain).
     */
    static String cycleCount(String where) {
        return "(select coalesce(sum(c.mql), 0) from cycle_rollup c where c.grain = 'm' and c.period >= :r_from_day"
                + " and c.period < :r_to_day and " + where + ") + (select count(*) from lead_cycle c where "
                + ragged("c.mql_at") + " and " + where + ")";
    }

    /** Velocity histograms by MQL month and key, with duration_rollup's columns (month grain only). */
    static String durations() {
        return "(select * from duration_rollup where period >= :r_from_day and period < :r_to_day"
                + " union all " + Rollups.durationRows("lead_cycle", ragged("c.mql_at"), 1) + ")";
    }

    /** Clocks met and breached in MQL cycles by when, with clock_rollup's columns (month grain only). */
    static String clocks() {
        return "(select * from clock_rollup where period >= :r_from_day and period < :r_to_day union all "
                + Rollups.clockRows("", ragged("s.at"), 1) + ")";
    }

    /** Transitions of some stages by when they happened, with transition_rollup's columns. */
    static String transitions(String grain, String stages) {
        return "(select * from transition_rollup where grain = '" + grain + "' and period >= :r_from_day"
                + " and period < :r_to_day and stage in (" + stages + ") union all "
                + Rollups.transitionRows("stage_transition", grains(grain), "s.stage in (" + stages + ") and "
                        + ragged("s.at")) + ")";
    }
}
