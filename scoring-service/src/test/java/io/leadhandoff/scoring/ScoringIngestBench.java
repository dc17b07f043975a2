package io.leadhandoff.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.scoring.activity.ActivityRequest;
import io.leadhandoff.scoring.activity.ActivityService;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * Events scored per second by one scoring instance (ingest in batches of 1,000: store, rescore each
 * touched lead once, qualify), next to a raw batched insert of the same rows into a plain table in
 * the same run. Prints figures; asserts nothing about speed. Run:
 * {@code ./mvnw -Pbench -pl scoring-service -am verify}.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ScoringIngestBench {

    static final int LEADS = 2_000;
    static final int BATCHES = 20;
    static final int PER_BATCH = 1_000;
    static final String[] PAGES = { "https://acme.example/blog/a", "https://acme.example/product/x",
            "https://acme.example/pricing", "https://acme.example/case-study/y", "https://acme.example/careers" };

    @Inject
    ActivityService activity;

    @Inject
    EntityManager em;

    List<ActivityRequest> batch(String run, List<String> emails, int b) {
        List<ActivityRequest> events = new ArrayList<>(PER_BATCH);
        Instant now = Instant.now();
        for (int i = 0; i < PER_BATCH; i++) {
            int n = b * PER_BATCH + i;
            events.add(new ActivityRequest(run + "-" + n, emails.get(n % emails.size()), "page_view", PAGES[n % PAGES.length],
                    now.minusSeconds(n % 3600), Map.of("campaign", "launch")));
        }
        return events;
    }

    @Test
    void eventsScoredPerSecondNextToARawInsert() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = new ArrayList<>(LEADS);
        for (int i = 0; i < LEADS; i++) {
            emails.add("bench" + i + "." + run + "@acme" + (i % 50) + ".example");
        }
        // the leads exist (as after a campaign's first touches): created here, not timed
        for (int b = 0; b < LEADS / PER_BATCH; b++) {
            List<ActivityRequest> first = new ArrayList<>();
            for (int i = 0; i < PER_BATCH; i++) {
                first.add(new ActivityRequest(run + "-first-" + (b * PER_BATCH + i), emails.get(b * PER_BATCH + i),
                        "page_view", PAGES[0], Instant.now().minusSeconds(7200), null));
            }
            QuarkusTransaction.requiringNew().run(() -> activity.ingest(first));
        }

        List<List<ActivityRequest>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            batches.add(batch(run, emails, b));
        }
        // baseline: the same rows, batched, into a table with no keys, no scoring, no outbox
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                create table if not exists activity_bench_raw (event_id varchar(200), lead_key varchar(320), type varchar(100),
                    url text, occurred_at timestamptz, properties jsonb)""").executeUpdate());
        long rawStart = System.nanoTime();
        for (List<ActivityRequest> b : batches) {
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement insert = c.prepareStatement("""
                        insert into activity_bench_raw select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[],
                            ?::text[]::timestamptz[], ?::text[]::jsonb[])""")) {
                    insert.setArray(1, c.createArrayOf("varchar", b.stream().map(ActivityRequest::eventId).toArray()));
                    insert.setArray(2, c.createArrayOf("varchar", b.stream().map(ActivityRequest::email).toArray()));
                    insert.setArray(3, c.createArrayOf("varchar", b.stream().map(ActivityRequest::type).toArray()));
                    insert.setArray(4, c.createArrayOf("text", b.stream().map(ActivityRequest::url).toArray()));
                    insert.setArray(5, c.createArrayOf("text", b.stream().map(e -> e.occurredAt().toString()).toArray()));
                    insert.setArray(6, c.createArrayOf("text", b.stream().map(e -> "{\"campaign\": \"launch\"}").toArray()));
                    insert.executeUpdate();
                }
            }));
        }
        Duration raw = Duration.ofNanos(System.nanoTime() - rawStart);

        long start = System.nanoTime();
        int accepted = 0;
        for (List<ActivityRequest> b : batches) {
            accepted += QuarkusTransaction.requiringNew().call(() -> activity.ingest(b)).accepted();
        }
        Duration scored = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(BATCHES * PER_BATCH, accepted);

        int events = BATCHES * PER_BATCH;
        double rawRate = events / (raw.toNanos() / 1e9);
        double scoredRate = events / (scored.toNanos() / 1e9);
        System.out.printf("[bench] raw batched insert: %,d events in %d ms: %,.0f events/s%n", events, raw.toMillis(), rawRate);
        System.out.printf("[bench] scored ingest (store, rescore %,d leads per batch of %,d, qualify): %,d events in %d ms:"
                + " %,.0f events/s = %.0f%% of the raw insert (target >= 10,000 events/s and >= 25%%)%n",
                Math.min(LEADS, PER_BATCH), PER_BATCH, events, scored.toMillis(), scoredRate, 100 * scoredRate / rawRate);
    }
}
