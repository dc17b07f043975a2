package io.leadhandoff.scoring.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.error.Problem;
import io.leadhandoff.common.error.ProblemException;
import io.leadhandoff.common.validation.EmailAddress;
import io.leadhandoff.scoring.activity.ActivityRequest;
import io.leadhandoff.scoring.activity.ActivityService;
import io.leadhandoff.scoring.activity.IngestResult;
import io.leadhandoff.scoring.lead.LeadRequest;
import io.leadhandoff.scoring.lead.LeadService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns Segment calls into leads and touches. The email comes from {@code traits.email}
 * (identify) or {@code context.traits.email} / {@code properties.email} (track, page); userId and
 * anonymousId are kept as the lead's external ids, so later calls with only those ids find it. A
 * call nobody can be found for is held against its ids until an identify links them. messageId is
 * the idempotency key. One request is one transaction.
 */
@ApplicationScoped
@Transactional
public class SegmentService {

    private final EntityManager em;
    private final ActivityService activity;
    private final LeadService leads;
    private final ObjectMapper mapper;
    private final InstantSource clock;

    private final jakarta.validation.Validator validator;

    public SegmentService(EntityManager em, ActivityService activity, LeadService leads, ObjectMapper mapper,
            InstantSource clock, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.em = em;
        this.activity = activity;
        this.leads = leads;
        this.mapper = mapper;
        this.clock = clock;
    }

    public record Result(int accepted, int duplicates, int held, int identified) {
    }

    /** Held calls nobody identified within this long are dropped (an anonymous visitor who never came back). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "scoring.segment.hold-retention", defaultValue = "P30D")
    java.time.Duration holdRetention;

    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purgeHeld();
    }

    /** Deletes held calls older than the retention; returns how many. */
    public int purgeHeld() {
        return em.createNativeQuery("delete from segment_held where received_at < :cutoff")
                .setParameter("cutoff", clock.instant().minus(holdRetention)).executeUpdate();
    }

    public Result ingest(SegmentCall body) {
        List<SegmentCall> calls = body.batch() != null ? body.batch() : List.of(body);
        // every call is checked, with what it would store, before anything is stored or held
        List<Problem.Violation> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < calls.size(); i++) {
            problems.addAll(problems(calls.get(i), body.batch() != null ? "batch[" + i + "]" : "call", now));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(problems.size() + " problem(s) in the calls; nothing was stored: "
                    + problems.stream().map(v -> v.field() + " " + v.message())
                            .collect(java.util.stream.Collectors.joining("; ")), problems);
        }
        // whose are the calls that carry only ids: one lookup for the whole request, kept current as identifies link more
        Map<String, String> emailById = knownEmails(calls);
        int identified = 0;
        List<ActivityRequest> touches = new ArrayList<>();
        int held = 0;
        for (SegmentCall c : calls) {
            String email = email(c);
            if ("identify".equals(c.type())) {
                if (email == null) {
                    continue; // an identify without an email links nothing we can use
                }
                UUID lead = leads.upsert(lead(email, c.traits())).lead().id();
                link(lead, c);
                String identifiedEmail = email;
                ids(c).forEach(id -> emailById.put(id[0] + ":" + id[1], identifiedEmail));
                identified++;
                touches.addAll(release(c, email));
                continue;
            }
            if (email == null) {
                email = ids(c).stream().map(id -> emailById.get(id[0] + ":" + id[1])).filter(e -> e != null)
                        .findFirst().orElse(null);
            }
            if (email != null) {
                touches.add(touch(c, email));
            } else {
                held += hold(c);
            }
        }
        IngestResult result = touches.isEmpty() ? new IngestResult(0, 0) : activity.ingest(touches);
        return new Result(result.accepted(), result.duplicates(), held, identified);
    }

    /** What is wrong with a call, each named by where it is: nothing it would store may fail later. */
    private List<Problem.Violation> problems(SegmentCall c, String at, Instant now) {
        List<Problem.Violation> problems = new ArrayList<>();
        if (c.type() == null || !List.of("identify", "track", "page").contains(c.type())) {
            problems.add(new Problem.Violation(at + ".type", "'" + c.type() + "' is not a call this endpoint takes"
                    + " (identify, track, page)"));
            return problems;
        }
        if (c.messageId() == null || c.messageId().isBlank()) {
            problems.add(new Problem.Violation(at + ".messageId", "is required: it makes a retried call count once"));
        }
        if ("track".equals(c.type()) && (c.event() == null || c.event().isBlank())) {
            problems.add(new Problem.Violation(at + ".event", "a track call names its event"));
        }
        String email = email(c);
        if (email != null && !EmailAddress.Validator.valid(email)) {
            problems.add(new Problem.Violation(at + ".email", "'" + email + "' is not an e-mail address"));
        }
        if ("identify".equals(c.type())) {
            if (email != null) {
                validator.validate(lead(email, c.traits())).forEach(v -> problems.add(new Problem.Violation(
                        at + ".traits." + v.getPropertyPath(), v.getMessage())));
            }
            return problems;
        }
        String late = c.timestamp() == null ? null : ActivityService.occurredAtProblem(c.timestamp(), now);
        if (late != null) {
            problems.add(new Problem.Violation(at + ".timestamp", late));
        }
        if (email == null && ids(c).isEmpty()) {
            problems.add(new Problem.Violation(at, "the " + c.type() + " call has no email and no userId or"
                    + " anonymousId to hold it against"));
        }
        return problems;
    }

    /** The emails of the leads the calls' ids already name, keyed "kind:value". */
    private Map<String, String> knownEmails(List<SegmentCall> calls) {
        Map<String, String> known = new java.util.HashMap<>();
        for (String kind : List.of("userId", "anonymousId")) {
            List<String> values = calls.stream().flatMap(c -> ids(c).stream()).filter(id -> id[0].equals(kind))
                    .map(id -> id[1]).distinct().toList();
            if (values.isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select x.value, l.email from lead_external_id x join lead l on l.id = x.lead_id
                    where x.kind = :k and x.value in (:v)""").setParameter("k", kind).setParameter("v", values)
                    .getResultList();
            rows.forEach(r -> known.put(kind + ":" + r[0], (String) r[1]));
        }
        return known;
    }

    static String email(SegmentCall c) {
        Object e = switch (c.type() == null ? "" : c.type()) {
            case "identify" -> c.traits() == null ? null : c.traits().get("email");
            default -> {
                Object fromContext = c.context() != null && c.context().get("traits") instanceof Map<?, ?> t ? t.get("email") : null;
                yield fromContext != null ? fromContext : c.properties() == null ? null : c.properties().get("email");
            }
        };
        return e instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static List<String[]> ids(SegmentCall c) {
        List<String[]> ids = new ArrayList<>(2);
        if (c.userId() != null && !c.userId().isBlank()) {
            ids.add(new String[] { "userId", c.userId() });
        }
        if (c.anonymousId() != null && !c.anonymousId().isBlank()) {
            ids.add(new String[] { "anonymousId", c.anonymousId() });
        }
        return ids;
    }

    private void link(UUID lead, SegmentCall c) {
        for (String[] id : ids(c)) {
            em.createNativeQuery("""
                    insert into lead_external_id (kind, value, lead_id) values (:k, :v, :lead)
                    on conflict (kind, value) do update set lead_id = excluded.lead_id""")
                    .setParameter("k", id[0]).setParameter("v", id[1]).setParameter("lead", lead).executeUpdate();
        }
    }

    private int hold(SegmentCall c) {
        try {
            return em.createNativeQuery("""
                    insert into segment_held (message_id, user_id, anonymous_id, call, received_at)
                    values (:id, :user, :anon, cast(:call as jsonb), :now) on conflict (message_id) do nothing""")
                    .setParameter("id", c.messageId()).setParameter("user", c.userId()).setParameter("anon", c.anonymousId())
                    .setParameter("call", mapper.writeValueAsString(c)).setParameter("now", clock.instant()).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The calls held against this identify's ids, now with their email, removed from the holding table. */
    private List<ActivityRequest> release(SegmentCall identify, String email) {
        List<ActivityRequest> released = new ArrayList<>();
        for (String[] id : ids(identify)) {
            @SuppressWarnings("unchecked")
            List<String> calls = em.createNativeQuery("delete from segment_held where "
                    + ("userId".equals(id[0]) ? "user_id" : "anonymous_id") + " = :v returning cast(call as text)")
                    .setParameter("v", id[1]).getResultList();
            for (String json : calls) {
                try {
                    released.add(touch(mapper.readValue(json, SegmentCall.class), email));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return released;
    }

    private ActivityRequest touch(SegmentCall c, String email) {
        String type = "page".equals(c.type()) ? "page_view" : eventType(c.event());
        Object url = c.properties() != null && c.properties().get("url") instanceof String u ? u
                : c.context() != null && c.context().get("page") instanceof Map<?, ?> p ? p.get("url") : null;
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        if (c.properties() != null) {
            properties.putAll(c.properties());
        }
        if (c.name() != null) {
            properties.putIfAbsent("name", c.name());
        }
        return new ActivityRequest("segment:" + c.messageId(), email, type, url instanceof String s ? s : null,
                c.timestamp() != null ? c.timestamp() : clock.instant(), properties.isEmpty() ? null : properties);
    }

    /** "Demo Requested" becomes demo_requested: the touch types rules are written against. */
    static String eventType(String event) {
        String t = event.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        return t.isEmpty() ? "track" : t.length() > 100 ? t.substring(0, 100) : t;
    }

    private static LeadRequest lead(String email, Map<String, Object> traits) {
        Map<String, Object> t = traits == null ? Map.of() : traits;
        Object company = t.get("company");
        String companyName = company instanceof Map<?, ?> m ? text(m.get("name")) : text(company);
        Integer employees = company instanceof Map<?, ?> m && m.get("employee_count") instanceof Number n ? n.intValue()
                : t.get("employees") instanceof Number n ? n.intValue() : null;
        Object address = t.get("address");
        String country = address instanceof Map<?, ?> a ? text(a.get("country")) : text(t.get("country"));
        // every other trait (a plan, a role, a score from another tool) is kept as a custom attribute
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        t.forEach((k, v) -> {
            if (!KNOWN_TRAITS.contains(k) && attributes.size() < 100 && k.length() <= 100
                    && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
                attributes.put(k, v);
            }
        });
        return new LeadRequest(email, first(t, "firstName", "first_name"), first(t, "lastName", "last_name"),
                first(t, "title", "jobTitle"), text(t.get("seniority")), companyName, null,
                company instanceof Map<?, ?> m ? text(m.get("industry")) : text(t.get("industry")),
                employees, country,
                text(t.get("source")), text(t.get("campaign")), attributes.isEmpty() ? null : attributes);
    }

    private static final java.util.Set<String> KNOWN_TRAITS = java.util.Set.of("email", "firstName", "first_name",
            "lastName", "last_name", "name", "title", "jobTitle", "seniority", "company", "industry", "employees",
            "address", "country", "source", "campaign");

    private static String first(Map<String, Object> t, String a, String b) {
        String v = text(t.get(a));
        return v != null ? v : text(t.get(b));
    }

    private static String text(Object v) {
        return v instanceof String s && !s.isBlank() ? s.strip() : null;
    }

}
