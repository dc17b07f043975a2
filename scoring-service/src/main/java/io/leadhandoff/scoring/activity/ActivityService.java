package io.leadhandoff.scoring.activity;

import io.leadhandoff.common.error.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.scoring.lead.Lead;
import io.leadhandoff.scoring.lead.LeadScoring;
import io.leadhandoff.scoring.lead.LeadService;
import io.leadhandoff.scoring.model.Scorer;
import io.leadhandoff.scoring.model.CompiledModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private final ObjectMapper mapper;
    private final InstantSource clock;

    public ActivityService(EntityManager em, LeadService leads, LeadScoring scoring, ObjectMapper mapper,
            InstantSource clock) {
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
        Set<String> known = new HashSet<>(em.createQuery("select a.eventId from Activity a where a.eventId in :ids", String.class)
                .setParameter("ids", byId.keySet()).getResultList());
        List<ActivityRequest> fresh = byId.values().stream().filter(e -> !known.contains(e.eventId())).toList();
        if (fresh.isEmpty()) {
            return new IngestResult(0, events.size());
        }
        Set<String> emails = fresh.stream().map(e -> leads.normalise(e.email())).collect(Collectors.toSet());
        leads.ensureLeads(emails, null, null, "first activity received");
        Map<String, Lead> byEmail = leads.lockByEmail(emails);

        // one statement for the whole batch (no flush, no round trip per row); a concurrent batch may
        // have stored the same eventId since we looked: conflict, skipped, not failed
        List<Object[]> rows = new ArrayList<>(fresh.size());
        for (ActivityRequest e : fresh) {
            rows.add(new Object[] { e.eventId(), byEmail.get(leads.normalise(e.email())).id, e.type(), e.url(),
                    e.occurredAt().toString(), json(e.properties()) });
        }
        Inserted inserted = insertAll(rows);
        int accepted = inserted.rows();
        Set<UUID> insertedFor = inserted.leads();
        Map<UUID, Lead> touched = new HashMap<>();
        byEmail.values().stream().filter(l -> insertedFor.contains(l.id)).forEach(l -> touched.put(l.id, l));
        if (!touched.isEmpty()) {
            CompiledModel model = scoring.activeModel();
            // only as far back as the model's rules look: cost in proportion to the batch, not to the history
            Map<UUID, List<Activity>> activity = Activity.lightOfLeadsSince(touched.keySet(), clock.instant().minus(model.lookback()))
                    .stream().collect(Collectors.groupingBy(a -> a.leadId));
            touched.values().forEach(lead -> scoring.rescore(lead, activity.getOrDefault(lead.id, List.of()), model));
        }
        return new IngestResult(accepted, events.size() - accepted);
    }

    /** What one insert stored: how many rows, for which leads. */
    private record Inserted(Set<UUID> leads, int rows) {
    }

    /** Inserts the rows (event id, lead id, type, url, occurred at, properties JSON) in one statement. */
    private Inserted insertAll(List<Object[]> rows) {
        String[] ids = new String[rows.size()];
        UUID[] leadIds = new UUID[rows.size()];
        String[] types = new String[rows.size()];
        String[] urls = new String[rows.size()];
        String[] times = new String[rows.size()];
        String[] props = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            ids[i] = (String) r[0];
            leadIds[i] = (UUID) r[1];
            types[i] = (String) r[2];
            urls[i] = (String) r[3];
            times[i] = (String) r[4];
            props[i] = (String) r[5];
        }
        Set<UUID> touched = new HashSet<>();
        int[] count = { 0 };
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into activity (event_id, lead_id, type, url, occurred_at, properties)
                    select * from unnest(?::varchar[], ?::uuid[], ?::varchar[], ?::text[], ?::text[]::timestamptz[],
                                         ?::text[]::jsonb[])
                    on conflict (event_id) do nothing returning lead_id""")) {
                insert.setArray(1, connection.createArrayOf("varchar", ids));
                insert.setArray(2, connection.createArrayOf("uuid", leadIds));
                insert.setArray(3, connection.createArrayOf("varchar", types));
                insert.setArray(4, connection.createArrayOf("text", urls));
                insert.setArray(5, connection.createArrayOf("text", times));
                insert.setArray(6, connection.createArrayOf("text", props));
                try (java.sql.ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        touched.add(rs.getObject(1, UUID.class));
                        count[0]++;
                    }
                }
            }
        });
        return new Inserted(touched, count[0]);
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
