package io.leadhandoff.scoring.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.model.ScoreLine;
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
import java.util.UUID;
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

    private static final TypeReference<List<ScoreLine>> SCORE_LINES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /**
     * Leads by id as plain objects, not managed by the ORM: what a batch re-scores, read without the
     * ORM's per-entity bookkeeping (a third of an ingest's time when it hydrated them). The caller
     * holds their locks; changes are written with {@link #updateScores} or {@link #updateAll}.
     */
    public List<Lead> load(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Lead> leads = new ArrayList<>(ids.size());
        ObjectReader lines = mapper.readerFor(SCORE_LINES);
        ObjectReader attributes = mapper.readerFor(ATTRIBUTES);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select id, email, first_name, last_name, job_title, seniority, company_name, company_domain, industry,
                        employees, country, source, campaign, fit_score, intent_score, disqualification_score, total_score,
                        score_breakdown::text, model_version, fit_tier, handed_off_at, lifecycle_stage, priority, mql_reason,
                        qualified_at, created_at, updated_at, owner_login, manager_login, team_name, attributes::text,
                        merged_into, account_domain
                    from lead where id = any(?)""")) {
                select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
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
                        l.scoreBreakdown = parse(lines, rs.getString(18));
                        l.modelVersion = (Integer) rs.getObject(19);
                        l.fitTier = rs.getString(20);
                        l.handedOffAt = instant(rs, 21);
                        l.lifecycleStage = LifecycleStage.valueOf(rs.getString(22));
                        String priority = rs.getString(23);
                        l.priority = priority == null ? null : Priority.valueOf(priority);
                        l.mqlReason = rs.getString(24);
                        l.qualifiedAt = instant(rs, 25);
                        l.createdAt = instant(rs, 26);
                        l.updatedAt = instant(rs, 27);
                        l.ownerLogin = rs.getString(28);
                        l.managerLogin = rs.getString(29);
                        l.teamName = rs.getString(30);
                        String attrs = rs.getString(31);
                        l.attributes = "{}".equals(attrs) ? new LinkedHashMap<>() : parse(attributes, attrs);
                        l.mergedInto = rs.getObject(32, UUID.class);
                        l.accountDomain = rs.getString(33);
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

    private static final String PROFILE = """
            first_name = r.first_name, last_name = r.last_name, job_title = r.job_title, seniority = r.seniority,
            company_name = r.company_name, company_domain = r.company_domain, industry = r.industry,
            employees = r.employees, country = r.country, source = r.source, campaign = r.campaign,
            attributes = r.attributes,""";

    /**
     * One statement for all the leads; the rows travel as one JSON parameter typed by the table's own
     * row type. The leads are written here, so the ORM is told not to write them again.
     */
    private void write(Collection<Lead> leads, boolean profile) {
        if (leads.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(leads.size());
        for (Lead l : leads) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", l.id.toString());
            if (profile) {
                r.put("first_name", l.firstName);
                r.put("last_name", l.lastName);
                r.put("job_title", l.jobTitle);
                r.put("seniority", l.seniority);
                r.put("company_name", l.companyName);
                r.put("company_domain", l.companyDomain);
                r.put("industry", l.industry);
                r.put("employees", l.employees);
                r.put("country", l.country);
                r.put("source", l.source);
                r.put("campaign", l.campaign);
                r.put("attributes", l.attributes);
            }
            r.put("fit_score", l.fitScore);
            r.put("intent_score", l.intentScore);
            r.put("disqualification_score", l.disqualificationScore);
            r.put("total_score", l.totalScore);
            r.put("score_breakdown", l.scoreBreakdown);
            r.put("model_version", l.modelVersion);
            r.put("fit_tier", l.fitTier);
            r.put("account_domain", l.accountDomain);
            r.put("lifecycle_stage", l.lifecycleStage.name());
            r.put("priority", l.priority == null ? null : l.priority.name());
            r.put("mql_reason", l.mqlReason);
            r.put("qualified_at", iso(l.qualifiedAt));
            r.put("handed_off_at", iso(l.handedOffAt));
            r.put("updated_at", iso(l.updatedAt));
            rows.add(r);
        }
        String json;
        try {
            json = mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A lead could not be written as JSON", e);
        }
        Session session = em.unwrap(Session.class);
        session.doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update lead l set " + (profile ? PROFILE : "") + """
                     fit_score = r.fit_score, intent_score = r.intent_score,
                        disqualification_score = r.disqualification_score, total_score = r.total_score,
                        score_breakdown = r.score_breakdown, model_version = r.model_version, fit_tier = r.fit_tier,
                        account_domain = r.account_domain, lifecycle_stage = r.lifecycle_stage, priority = r.priority,
                        mql_reason = r.mql_reason, qualified_at = r.qualified_at, handed_off_at = r.handed_off_at,
                        updated_at = r.updated_at
                    from jsonb_populate_recordset(null::lead, ?::jsonb) r where l.id = r.id""")) {
                update.setString(1, json);
                update.executeUpdate();
            }
        });
        for (Lead l : leads) {
            if (session.contains(l)) {
                session.setReadOnly(l, true);
            }
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
