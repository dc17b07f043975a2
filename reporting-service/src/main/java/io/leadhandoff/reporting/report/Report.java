package io.leadhandoff.reporting.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report as the API returns it: the period and filters it was computed for, a summary of
 * headline figures, its named tables (each downloadable as CSV) and plain-language notes.
 */
public record Report(String report, Instant from, Instant to, Map<String, String> filters, String cohort,
        Map<String, Object> summary, Map<String, Table> tables, List<String> notes) {

    /** Rows of one table, each a column-to-value map in column order. */
    public record Table(List<String> columns, List<Map<String, Object>> rows) {
    }
}
