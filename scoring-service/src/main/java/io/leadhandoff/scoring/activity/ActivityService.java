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

    public IngestResult ingest(List<ActivityRequest> events) {
        Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        for (int i = 0; i < events.size(); i++) {
            Instant at = events.get(i).occurredAt();
            if (at.isAfter(latest) || at.isBefore(EARLIEST)) {
                // nothing of the batch is stored: the caller fixes the one event and sends it again
                throw ProblemException.badRequest("[" + i + "].occurredAt: " + at + " is "
                        + (at.isBefore(EARLIEST) ? "before 2000" : "in the future") + "; nothing of this batch was stored");
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

        int accepted = 0;
        Map<UUID, Lead> touched = new HashMap<>();
        for (ActivityRequest e : fresh) {
            Lead lead = byEmail.get(leads.normalise(e.email()));
            // a concurrent batch may have stored the same eventId since we looked: skip it, don't fail
            int inserted = em.createNativeQuery("""
                    insert into activity (event_id, lead_id, type, url, occurred_at, properties)
                    values (:id, :lead, :type, :url, :at, cast(:props as jsonb)) on conflict (event_id) do nothing""")
                    .setParameter("id", e.eventId()).setParameter("lead", lead.id).setParameter("type", e.type())
                    .setParameter("url", e.url()).setParameter("at", e.occurredAt())
                    .setParameter("props", json(e.properties())).executeUpdate();
            if (inserted == 1) {
                accepted++;
                touched.put(lead.id, lead);
            }
        }
        if (!touched.isEmpty()) {
            CompiledModel model = scoring.activeModel();
            Map<UUID, List<Activity>> activity = Activity.ofLeadsSince(touched.keySet(), clock.instant().minus(Scorer.HORIZON))
                    .stream().collect(Collectors.groupingBy(a -> a.leadId));
            touched.values().forEach(lead -> scoring.rescore(lead, activity.getOrDefault(lead.id, List.of()), model));
        }
        return new IngestResult(accepted, events.size() - accepted);
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
