package io.leadhandoff.reporting.history;

import io.leadhandoff.common.error.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which CSV column holds which fact: field name to the column's header name. {@code lead} and
 * {@code mql} are required; the rest are optional.
 */
public record HistoryMapping(Map<String, String> columns) {

    /** The fields a column can be mapped to, in the order the import reads them. */
    public static final java.util.List<String> FIELDS = java.util.List.of("lead", "source", "campaign", "segment", "owner",
            "team", "priority", "score", "fitTier", "created", "mql", "assigned", "firstTouch", "breached", "sal", "sql",
            "won", "lost", "rejected", "reason");

    /** The timestamp fields: each becomes a stage transition. */
    public static final java.util.List<String> TIMES = java.util.List.of("created", "mql", "assigned", "firstTouch",
            "breached", "sal", "sql", "won", "lost", "rejected");

    public static HistoryMapping of(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!FIELDS.contains(name)) {
                throw io.leadhandoff.common.error.ProblemException.badRequest("Unknown query parameter '"
                        + Problem.echo(name) + "': the fields are " + FIELDS);
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String column = parameters.get(field);
            if (column != null && !column.isBlank()) {
                columns.put(field, column.strip());
            }
        }
        return new HistoryMapping(columns);
    }
}
