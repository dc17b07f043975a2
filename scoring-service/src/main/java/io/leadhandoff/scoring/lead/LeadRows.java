package io.leadhandoff.scoring.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Writes many leads' profiles and scores with one statement: a batch of events or upserts touches
 * up to a thousand leads, and an ORM flush would send one update each.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LeadRows {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public LeadRows(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /**
     * The leads with these (normalised) emails, locked and read in one statement, in id order (the
     * order every batch locks in); a merged lead's email gives its survivor, locked too. Plain
     * objects, not managed by the ORM: what a batch re-scores, read without the ORM's per-entity
     * bookkeeping (a third of an ingest's time when it hydrated them). Changes are written with
     * {@link #updateScores} or {@link #updateAll}.
     */
    public Map<String, Lead> lockByEmail(Collection<String> emails) {
        Map<String, Lead> byEmail = new java.util.HashMap<>();
        Map<String, UUID> merged = new java.util.HashMap<>();
        for (Lead l : select("email = any(?::varchar[]) order by id for update", "varchar", emails)) {
            if (l.mergedInto == null) {
                byEmail.put(l.email, l);
            } else {
                merged.put(l.email, l.mergedInto);
            }
        }
        if (!merged.isEmpty()) {
            Map<UUID, Lead> survivors = new java.util.HashMap<>();
            select("id = any(?::uuid[]) order by id for update", "uuid", Set.copyOf(merged.values()))
                    .forEach(l -> survivors.put(l.id, l));
            merged.forEach((email, survivor) -> byEmail.put(email, survivors.get(survivor)));
        }
        return byEmail;
    }

    private List<Lead> select(String where, String keyType, Collection<?> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Lead> leads = new ArrayList<>(keys.size());
        ObjectReader attributes = mapper.readerFor(ATTRIBUTES);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select id, email, first_name, last_name, job_title, seniority, company_name, company_domain, industry,
                        employees, country, source, campaign, fit_score, intent_score, disqualification_score, total_score,
                        model_version, fit_tier, handed_off_at, lifecycle_stage, priority, mql_reason,
                        qualified_at, created_at, updated_at, owner_login, manager_login, team_name, attributes::text,
                        merged_into, account_domain, scoring_touches, recycled_at
                    from lead""" + " where " + where)) {
                select.setArray(1, connection.createArrayOf(keyType, keys.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Lead l = new Lead();
                        l.id = rs.getObject(1, UUID.class);
                        l.email = rs.getString(2);
                        l.firstName = rs.getString(3);
                        l.lastName = rs.getString(4);
                        l.jobTitle = rs.getString(5);
                        l.seniority = rs.getString(6);
                        l.companyName = rs.getString(7);
                        l.companyDomain = rs.getString(8);
                        l.industry = rs.getString(9);
                        l.employees = (Integer) rs.getObject(10);
                        l.country = rs.getString(11);
                        l.source = rs.getString(12);
                        l.campaign = rs.getString(13);
                        l.fitScore = rs.getInt(14);
                        l.intentScore = rs.getInt(15);
                        l.disqualificationScore = rs.getInt(16);
                        l.totalScore = rs.getInt(17);
                        l.modelVersion = (Integer) rs.getObject(18);
                        l.fitTier = rs.getString(19);
                        l.handedOffAt = instant(rs, 20);
                        l.lifecycleStage = LifecycleStage.valueOf(rs.getString(21));
                        String priority = rs.getString(22);
                        l.priority = priority == null ? null : Priority.valueOf(priority);
                        l.mqlReason = rs.getString(23);
                        l.qualifiedAt = instant(rs, 24);
                        l.createdAt = instant(rs, 25);
                        l.updatedAt = instant(rs, 26);
                        l.ownerLogin = rs.getString(27);
                        l.managerLogin = rs.getString(28);
                        l.teamName = rs.getString(29);
                        String attrs = rs.getString(30);
                        l.attributes = "{}".equals(attrs) ? new LinkedHashMap<>() : parse(attributes, attrs);
                        l.mergedInto = rs.getObject(31, UUID.class);
                        l.accountDomain = rs.getString(32);
                        l.scoringTouches = rs.getBytes(33);
                        l.recycledAt = instant(rs, 34);
                        leads.add(l);
                    }
                }
            }
        });
        return leads;
    }

    private static <T> T parse(ObjectReader reader, String json) throws java.sql.SQLException {
        try {
            return reader.readValue(json);
        } catch (java.io.IOException e) {
            throw new java.sql.SQLException("A lead's JSON column could not be read", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** Writes the profile (fields, attributes) and the scores of leads that took a request. */
    public void updateAll(Collection<Lead> leads) {
        write(leads, true);
    }

    /** Writes what a scoring changes (scores, stage, priority): the profile did not change. */
    public void updateScores(Collection<Lead> leads) {
        write(leads, false);
    }

    /**
     * A column as it travels: the SQL array type of its parameter, the cast from that to the column
     * (JSON and times travel as text), and how it is read from a lead.
     */
    private record Column(String name, String arrayType, String cast, Function<Lead, Object> value) {
    }

    private static final List<Column> PROFILE = List.of(
            new Column("first_name", "varchar", "", l -> l.firstName),
            new Column("last_name", "varchar", "", l -> l.lastName),
            new Column("job_title", "varchar", "", l -> l.jobTitle),
            new Column("seniority", "varchar", "", l -> l.seniority),
            new Column("company_name", "varchar", "", l -> l.companyName),
            new Column("company_domain", "varchar", "", l -> l.companyDomain),
            new Column("industry", "varchar", "", l -> l.industry),
            new Column("employees", "int4", "", l -> l.employees),
            new Column("country", "varchar", "", l -> l.country),
            new Column("source", "varchar", "", l -> l.source),
            new Column("campaign", "varchar", "", l -> l.campaign),
            new Column("attributes", "text", "::jsonb", l -> l.attributes));

    private static final List<Column> SCORES = List.of(
            new Column("fit_score", "int4", "", l -> l.fitScore),
            new Column("intent_score", "int4", "", l -> l.intentScore),
            new Column("disqualification_score", "int4", "", l -> l.disqualificationScore),
            new Column("total_score", "int4", "", l -> l.totalScore),
            new Column("model_version", "int4", "", l -> l.modelVersion),
            new Column("fit_tier", "varchar", "", l -> l.fitTier),
            new Column("account_domain", "varchar", "", l -> l.accountDomain),
            new Column("lifecycle_stage", "varchar", "", l -> l.lifecycleStage.name()),
            new Column("priority", "varchar", "", l -> l.priority == null ? null : l.priority.name()),
            new Column("mql_reason", "text", "", l -> l.mqlReason),
            new Column("qualified_at", "text", "::timestamptz", l -> iso(l.qualifiedAt)),
            new Column("handed_off_at", "text", "::timestamptz", l -> iso(l.handedOffAt)),
            new Column("updated_at", "text", "::timestamptz", l -> iso(l.updatedAt)),
            new Column("scoring_touches", "bytea", "", l -> l.scoringTouches));

    /**
     * One statement for all the leads, each column one typed array (no per-row round trip, no
     * document to parse on the server). The leads are written here, so the ORM is told not to write
     * them again.
     */
    private void write(Collection<Lead> leads, boolean profile) {
        if (leads.isEmpty()) {
            return;
        }
        List<Column> columns = new ArrayList<>(profile ? PROFILE : List.of());
        columns.addAll(SCORES);
        List<Object[]> values = new ArrayList<>(columns.size());
        for (Column c : columns) {
            Object[] column = "bytea".equals(c.arrayType()) ? new byte[leads.size()][] : new Object[leads.size()];
            int i = 0;
            for (Lead l : leads) {
                Object v = c.value().apply(l);
                column[i++] = "::jsonb".equals(c.cast()) ? json(v) : v;
            }
            values.add(column);
        }
        StringBuilder sql = new StringBuilder("update lead l set ");
        StringBuilder arrays = new StringBuilder("?::uuid[]");
        StringBuilder names = new StringBuilder("id");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(c.name()).append(" = r.").append(c.name()).append(c.cast());
            arrays.append(", ?::").append(c.arrayType()).append("[]");
            names.append(", ").append(c.name());
        }
        sql.append(" from unnest(").append(arrays).append(") as r(").append(names).append(") where l.id = r.id");
        Session session = em.unwrap(Session.class);
        session.doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
                update.setArray(1, connection.createArrayOf("uuid", leads.stream().map(l -> l.id).toArray()));
                for (int i = 0; i < columns.size(); i++) {
                    update.setArray(i + 2, connection.createArrayOf(columns.get(i).arrayType(), values.get(i)));
                }
                update.executeUpdate();
            }
        });
        for (Lead l : leads) {
            if (session.contains(l)) {
                session.setReadOnly(l, true);
            }
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A lead could not be written as JSON", e);
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
