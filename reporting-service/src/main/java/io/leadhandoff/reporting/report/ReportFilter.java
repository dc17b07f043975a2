package io.leadhandoff.reporting.report;

import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.Segment;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a report covers: a period [from, to) and optional equality filters on the lead's
 * dimensions, and an optional cohort grouping of the MQL date. Built from query parameters; a bad
 * value is a 400 naming the parameter.
 */
public record ReportFilter(Instant from, Instant to, Map<String, String> dimensions, String cohort) {

    /** Query parameter to lead_cycle column. */
    static final Map<String, String> DIMENSIONS = Map.of("source", "source", "campaign", "campaign", "segment",
            "segment", "team", "team", "owner", "owner", "priority", "priority");

    /** Reports cover the years a database can store and a business can have: 1900 to 9999. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public enum Cohort { WEEK, MONTH, QUARTER }

    public static ReportFilter of(String from, String to, String source, String campaign, String segment, String team,
            String owner, String priority, String cohort, Instant now) {
        Instant end = to == null ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : parse("to", to, true);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : parse("from", from, false);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        put(dimensions, "source", source);
        put(dimensions, "campaign", campaign);
        put(dimensions, "segment", oneOf("segment", segment, Segment.values()));
        put(dimensions, "team", team);
        put(dimensions, "owner", owner);
        put(dimensions, "priority", oneOf("priority", priority, Priority.values()));
        return new ReportFilter(start, end, dimensions, cohort == null || cohort.isBlank() ? null
                : oneOf("cohort", cohort, Cohort.values()).toLowerCase(Locale.ROOT));
    }

    private static void put(Map<String, String> dimensions, String name, String value) {
        if (value != null && !value.isBlank()) {
            if (value.length() > 200) {
                throw ProblemException.badRequest("'" + name + "' is longer than 200 characters");
            }
            dimensions.put(name, value.trim());
        }
    }

    private static String oneOf(String name, String value, Enum<?>[] values) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values).map(Enum::name).filter(upper::equals).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("'" + name + "' must be one of "
                        + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + ", not '"
                        + Problem.echo(value) + "'"));
    }

    /** A day means its whole day: as 'to' it is inclusive. */
    private static Instant parse(String name, String value, boolean end) {
        Instant at;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                at = (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = Instant.parse(value);
            }
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("'" + name + "' must be a date (2026-11-01) or an ISO-8601 instant, not '"
                    + Problem.echo(value) + "'");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw ProblemException.badRequest("'" + name + "' must lie between 1900 and 9999, not '" + value + "'");
        }
        return at;
    }

    /**
     * The filter as SQL conditions, each with a named parameter (see {@link #parameters}):
     * {@code column} names the column a dimension is read from, or null where it does not apply.
     */
    String where(java.util.function.Function<String, String> column) {
        StringBuilder sql = new StringBuilder("true");
        dimensions.forEach((name, value) -> {
            String c = column.apply(name);
            if (c != null) {
                sql.append(" and ").append(c).append(" = :f_").append(name);
            }
        });
        return sql.toString();
    }

    /** The named parameters of {@link #where} and of the period ({@code :from}, {@code :to}). */
    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        dimensions.forEach((name, value) -> parameters.put("f_" + name, value));
        parameters.put("from", from);
        parameters.put("to", to);
        return parameters;
    }

    /** The filters that apply, for the report's header. */
    Map<String, String> applied() {
        return dimensions;
    }
}
