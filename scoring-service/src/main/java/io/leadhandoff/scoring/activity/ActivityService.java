package io.leadhandoff.scoring.activity;

import io.leadhandoff.common.error.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.scoring.lead.LeadRows;
import io.leadhandoff.scoring.lead.LeadScoring;
import io.leadhandoff.scoring.lead.LeadService;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.TouchHistory;
import io.leadhandoff.scoring.lead.Lead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Stores a batch of behavioural events in one transaction, idempotent on eventId, then rescores
 * each lead it touched once.
 */
@ApplicationScoped
@Transactional
public class ActivityService {

    private final EntityManager em;
    private final LeadService leads;
    private final LeadScoring scoring;
    private final LeadRows rows;
    private final ObjectMapper mapper;
    private final InstantSource clock;

    public ActivityService(EntityManager em, LeadService leads, LeadScoring scoring, ObjectMapper mapper,
            InstantSource clock, LeadRows rows) {
        this.rows = rows;
        this.clock = clock;
        this.em = em;
        this.leads = leads;
        this.scoring = scoring;
        this.mapper = mapper;
    }

    /** Activity may be reported late, never from the future (a little clock skew aside) nor from before 2000. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** Why a touch dated {@code at} is refused at {@code now}, or null when it is fine. */
    public static String occurredAtProblem(Instant at, Instant now) {
        if (at.isBefore(EARLIEST)) {
            return at + " is before 2000";
        }
        return at.isAfter(now.plus(MAX_CLOCK_SKEW)) ? at + " is in the future" : null;
    }

    public IngestResult ingest(List<ActivityRequest> events) {
        Instant now = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            String problem = occurredAtProblem(events.get(i).occurredAt(), now);
            if (problem != null) {
                // nothing of the batch is stored: the caller fixes the one event and sends it again
                throw ProblemException.badRequest("[" + i + "].occurredAt: " + problem + "; nothing of this batch was stored");
            }
        }
        // the same eventId twice in one batch is a duplicate too: first one wins
        Map<String, ActivityRequest> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        Set<String> emails = byId.values().stream().map(e -> leads.normalise(e.email())).collect(Collectors.toSet());
        // locked and read in one statement: most of a batch's leads are re-scored
        Map<String, Lead> locked = rows.lockByEmail(emails);
        if (locked.size() < emails.size()) {
            // most touches are of known leads: only the others are created, then locked like the rest
            Set<String> unknown = emails.stream().filter(e -> !locked.containsKey(e)).collect(Collectors.toSet());
            leads.ensureLeads(unknown, null, null, "first activity received");
            locked.putAll(rows.lockByEmail(unknown));
        }

        CompiledModel model = scoring.activeModel();
        Plan plan = plan(byId.values(), locked, model);
        // the scores of the leads whose history is kept with them are computed on another core while the
        // touches are stored: pure work on what is already read (the leads, the batch)
        CompletableFuture<Map<UUID, LeadScoring.Prepared>> kept = CompletableFuture
                .supplyAsync(() -> prepareKept(plan, model, now));

        // one statement for the whole batch (no flush, no round trip per row); an event stored before
        // (a retried batch, a concurrent one) is a conflict, skipped, not failed
        List<Object[]> touches = new ArrayList<>(byId.size());
        for (ActivityRequest e : byId.values()) {
            // to the microsecond, as stored: a touch kept with its lead is the touch in the activity table
            touches.add(new Object[] { e.eventId(), locked.get(leads.normalise(e.email())).id, e.type(), e.url(),
                    TouchHistory.toMicros(e.occurredAt()).toString(), json(e.properties()) });
        }
        Map<String, UUID> inserted = insertAll(touches);
        if (inserted.isEmpty()) {
            kept.cancel(false);
            return new IngestResult(0, events.size());
        }
        Plan stored = plan;
        Map<UUID, LeadScoring.Prepared> prepared;
        if (inserted.size() == byId.size()) {
            prepared = new HashMap<>(kept.join());
        } else {
            // some touches were stored before (a retried or overlapping batch): only the new ones count
            kept.cancel(false);
            stored = plan(byId.values().stream().filter(e -> inserted.containsKey(e.eventId())).toList(), locked, model);
            prepared = new HashMap<>(prepareKept(stored, model, now));
        }
        List<UUID> unknown = stored.rescore().keySet().stream().filter(id -> !prepared.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            // no history kept for this model version: built from the stored activity, which holds this batch's touches
            Map<UUID, List<Activity>> activity = Activity.lightOfLeadsSince(unknown, now.minus(model.lookback())).stream()
                    .collect(Collectors.groupingBy(a -> a.leadId));
            for (UUID id : unknown) {
                prepared.put(id, LeadScoring.prepare(model, stored.rescore().get(id),
                        TouchHistory.of(model, activity.getOrDefault(id, List.of()), now), now));
            }
        }
        if (!stored.rescore().isEmpty()) {
            scoring.rescorePrepared(stored.rescore().values(), prepared, model, now);
        }
        return new IngestResult(inserted.size(), events.size() - inserted.size());
    }

    /**
     * Which leads a batch re-scores, and the touches each gets: a lead is re-scored once if one of its
     * new touches can change its score, or if it was not scored under the active model yet; a touch no
     * rule looks at (most page views) changes nothing.
     */
    private record Plan(Map<UUID, Lead> rescore, Map<UUID, List<Activity>> added) {
    }

    private Plan plan(Collection<ActivityRequest> events, Map<String, Lead> locked, CompiledModel model) {
        Map<UUID, Lead> rescore = new LinkedHashMap<>();
        Map<UUID, List<Activity>> added = new HashMap<>();
        for (ActivityRequest e : events) {
            Lead lead = locked.get(leads.normalise(e.email()));
            Activity touch = new Activity();
            touch.eventId = e.eventId();
            touch.leadId = lead.id;
            touch.type = e.type();
            touch.url = e.url();
            touch.occurredAt = TouchHistory.toMicros(e.occurredAt());
            if (model.counts(touch) || !Integer.valueOf(model.version()).equals(lead.modelVersion)) {
                rescore.put(lead.id, lead);
            }
            added.computeIfAbsent(lead.id, k -> new ArrayList<>()).add(touch);
        }
        return new Plan(rescore, added);
    }

    /**
     * The re-scored leads whose touch history is kept with them (for the active model version), with
     * the batch's touches added; scoring costs in proportion to the batch, not to the leads' history.
     */
    private static Map<UUID, LeadScoring.Prepared> prepareKept(Plan plan, CompiledModel model, Instant now) {
        Map<UUID, LeadScoring.Prepared> prepared = new HashMap<>();
        for (Lead lead : plan.rescore().values()) {
            TouchHistory.fromBytes(lead.scoringTouches, model).ifPresent(history -> prepared.put(lead.id, LeadScoring.prepare(
                    model, lead, history.with(model, plan.added().getOrDefault(lead.id, List.of()), now), now)));
        }
        return prepared;
    }

    /** Inserts the rows (event id, lead id, type, url, occurred at, properties JSON) in one statement; returns the lead of each event stored. */
    private Map<String, UUID> insertAll(List<Object[]> touches) {
        String[] ids = new String[touches.size()];
        UUID[] leadIds = new UUID[touches.size()];
        String[] types = new String[touches.size()];
        String[] urls = new String[touches.size()];
        String[] times = new String[touches.size()];
        String[] props = new String[touches.size()];
        for (int i = 0; i < touches.size(); i++) {
            Object[] r = touches.get(i);
            ids[i] = (String) r[0];
            leadIds[i] = (UUID) r[1];
            types[i] = (String) r[2];
            urls[i] = (String) r[3];
            times[i] = (String) r[4];
            props[i] = (String) r[5];
        }
        Map<String, UUID> stored = new HashMap<>();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into activity (event_id, lead_id, type, url, occurred_at, properties)
                    select * from unnest(?::varchar[], ?::uuid[], ?::varchar[], ?::text[], ?::text[]::timestamptz[],
                                         ?::text[]::jsonb[])
                    on conflict (event_id) do nothing returning event_id, lead_id""")) {
                insert.setArray(1, connection.createArrayOf("varchar", ids));
                insert.setArray(2, connection.createArrayOf("uuid", leadIds));
                insert.setArray(3, connection.createArrayOf("varchar", types));
                insert.setArray(4, connection.createArrayOf("text", urls));
                insert.setArray(5, connection.createArrayOf("text", times));
                insert.setArray(6, connection.createArrayOf("text", props));
                try (java.sql.ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getObject(2, UUID.class));
                    }
                }
            }
        });
        return stored;
    }

    private String json(Map<String, Object> properties) {
        if (properties == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("properties are not serialisable", e);
        }
    }
}
