package io.leadhandoff.reporting.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.Segment;
import io.leadhandoff.common.event.Services;
import io.leadhandoff.reporting.projection.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hibernate.Session;

/**
 * Imports past leads from a CRM export so reports have history from day one. Each row becomes one
 * entry in the event log (type {@value Projections#HISTORY_IMPORTED}), projected like live events,
 * so imported history and live events feed the same reports and survive a replay. All or nothing:
 * any bad row rejects the file, with every bad row named by its line.
 */
@ApplicationScoped
public class HistoryImport {

    public static final int MAX_ROWS = 200_000;
    private static final int MAX_PROBLEMS = 100;
    private static final int MAX_VALUE = 200;

    public record Result(int rows, int imported, int alreadyImported, int leads) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final InstantSource clock;

    public HistoryImport(EntityManager em, ObjectMapper mapper, InstantSource clock) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public Result importCsv(Reader body, HistoryMapping mapping, String actor) {
        for (String required : List.of("lead", "mql")) {
            if (!mapping.columns().containsKey(required)) {
                throw ProblemException.badRequest("Name the column that holds '" + required + "' (query parameter '"
                        + required + "'); the fields are " + HistoryMapping.FIELDS);
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        List<Problem.Violation> problems = new ArrayList<>();
        int badRows = 0;
        try (CSVParser parser = parse(body)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
            Map<String, Integer> index = new LinkedHashMap<>();
            for (Map.Entry<String, String> m : mapping.columns().entrySet()) {
                int i = header.indexOf(m.getValue());
                if (i < 0) {
                    throw ProblemException.unprocessable("The column '" + m.getValue() + "' for " + m.getKey()
                            + " is not in the header " + header, List.of(new Problem.Violation(m.getKey(),
                                    "no column '" + m.getValue() + "' in the header")));
                }
                index.put(m.getKey(), i);
            }
            for (CSVRecord record : parser) {
                if (rows.size() + badRows >= MAX_ROWS) {
                    throw ProblemException.batchTooLarge("rows", MAX_ROWS, MAX_ROWS + 1);
                }
                long line = parser.getCurrentLineNumber();
                List<String> wrong = new ArrayList<>();
                ObjectNode row = row(record, header.size(), index, wrong);
                if (wrong.isEmpty()) {
                    rows.add(row);
                } else {
                    badRows++;
                    if (problems.size() < MAX_PROBLEMS) {
                        problems.add(new Problem.Violation("line " + line, String.join("; ", wrong)));
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.badRequest("The file is not readable as CSV: " + e.getMessage());
        }
        if (badRows > 0) {
            throw ProblemException.unprocessable(badRows + " of " + (badRows + rows.size())
                    + " rows cannot be imported; nothing was imported", problems);
        }
        if (rows.isEmpty()) {
            throw ProblemException.unprocessable("The file has no rows", List.of(new Problem.Violation("body", "no rows")));
        }
        return store(rows, actor);
    }

    private static CSVParser parse(Reader body) throws IOException {
        BufferedReader in = new BufferedReader(body, 1 << 16);
        in.mark(1 << 16);
        char[] sample = new char[1 << 14];
        int read = in.read(sample);
        in.reset();
        if (read <= 0) {
            throw ProblemException.badRequest("The file is empty: send a CSV with a header row");
        }
        String first = new String(sample, 0, read).lines().findFirst().orElse("");
        char delimiter = first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
        return CSVParser.parse(in, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get());
    }

    /** One row's facts as the event's data, or what is wrong with it in {@code wrong}. */
    private ObjectNode row(CSVRecord record, int columns, Map<String, Integer> index, List<String> wrong) {
        ObjectNode data = mapper.createObjectNode();
        if (record.size() != columns) {
            wrong.add("has " + record.size() + " fields, the header " + columns);
            return data;
        }
        Map<String, String> values = new LinkedHashMap<>();
        index.forEach((field, i) -> {
            String v = record.get(i);
            if (v != null && !v.isBlank()) {
                values.put(field, v.strip());
            }
        });
        values.forEach((field, v) -> {
            if (v.length() > MAX_VALUE) {
                wrong.add(field + " is longer than " + MAX_VALUE + " characters");
            }
        });
        String lead = values.get("lead");
        if (lead == null) {
            wrong.add("lead is empty");
        } else {
            data.put("leadId", leadId(lead).toString());
            data.put("externalId", lead);
        }
        for (String field : List.of("source", "campaign", "owner", "team", "fitTier")) {
            if (values.containsKey(field)) {
                data.put(field, values.get(field));
            }
        }
        enumValue(values, "segment", Segment.values(), data, wrong);
        enumValue(values, "priority", Priority.values(), data, wrong);
        Instant mql = null;
        for (String field : HistoryMapping.TIMES) {
            String v = values.get(field);
            if (v == null) {
                if (field.equals("mql")) {
                    wrong.add("mql is empty");
                }
                continue;
            }
            Instant at = time(v);
            if (at == null) {
                wrong.add(field + " '" + v + "' is not a date (2026-01-31), a date and time (2026-01-31 14:05) or an"
                        + " ISO-8601 instant");
                continue;
            }
            if (field.equals("mql")) {
                mql = at;
            } else if (mql != null && !field.equals("created") && at.isBefore(mql)) {
                wrong.add(field + " " + v + " is before mql");
            }
            data.put(field + "At", at.toString());
        }
        if (values.containsKey("score")) {
            try {
                data.put("score", Integer.parseInt(values.get("score")));
            } catch (NumberFormatException e) {
                wrong.add("score '" + values.get("score") + "' is not a whole number");
            }
        }
        // with a breach column, a first touch without a breach met its SLA
        if (index.containsKey("breached") && data.has("firstTouchAt") && !data.has("breachedAt")) {
            data.put("slaMetAt", data.get("firstTouchAt").asText());
        }
        if (values.containsKey("reason")) {
            data.put("reason", values.get("reason").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_")
                    .replaceAll("^_|_$", ""));
        }
        return data;
    }

    private static void enumValue(Map<String, String> values, String field, Enum<?>[] allowed, ObjectNode data,
            List<String> wrong) {
        String v = values.get(field);
        if (v == null) {
            return;
        }
        String name = v.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (Arrays.stream(allowed).noneMatch(e -> e.name().equals(name))) {
            wrong.add(field + " '" + v + "' is not one of " + Arrays.stream(allowed).map(Enum::name).toList());
        } else {
            data.put(field, name);
        }
    }

    /** A CRM's id is kept; one that is not a UUID gets a stable UUID of its own. */
    static UUID leadId(String external) {
        try {
            return UUID.fromString(external);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(("history-lead:" + external).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A day is its start in UTC; a local date and time is read as UTC. */
    static Instant time(String v) {
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return java.time.OffsetDateTime.parse(v.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** One insert for every row, then the same projection as live events, for these events only. */
    private Result store(List<ObjectNode> rows, String actor) {
        Instant now = clock.instant();
        String source = Services.REPORTING + "/history-import";
        List<UUID> ids = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Set<String> leads = new HashSet<>();
        for (ObjectNode data : rows) {
            data.put("importedBy", actor);
            // the same lead and MQL time is the same fact: importing a file twice adds nothing
            UUID id = UUID.nameUUIDFromBytes(("history:" + data.get("leadId").asText() + ":" + data.get("mqlAt").asText())
                    .getBytes(StandardCharsets.UTF_8));
            if (!seen.add(id)) {
                continue;
            }
            leads.add(data.get("leadId").asText());
            EventEnvelope<ObjectNode> envelope = new EventEnvelope<>(EventEnvelope.SPEC_VERSION, id,
                    Projections.HISTORY_IMPORTED, source, now, data.get("leadId").asText(), "application/json", 1, data);
            ids.add(id);
            subjects.add(data.get("leadId").asText());
            try {
                bodies.add(mapper.writeValueAsString(envelope));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        int inserted = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into event_log (event_id, type, source, subject, time, body, received_at)
                    select id, ?, ?, subject, ?, body, ? from unnest(?::uuid[], ?::varchar[], ?::text[]) as r(id, subject, body)
                    on conflict do nothing""")) {
                insert.setString(1, Projections.HISTORY_IMPORTED);
                insert.setString(2, source);
                insert.setObject(3, now.atOffset(ZoneOffset.UTC));
                insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                insert.setArray(5, c.createArrayOf("uuid", ids.toArray()));
                insert.setArray(6, c.createArrayOf("varchar", subjects.toArray()));
                insert.setArray(7, c.createArrayOf("text", bodies.toArray()));
                int n = insert.executeUpdate();
                Projections.project(c, Projections.Selection.events(ids, Projections.HISTORY_IMPORTED), "");
                return n;
            }
        });
        return new Result(rows.size(), inserted, rows.size() - inserted, leads.size());
    }
}
