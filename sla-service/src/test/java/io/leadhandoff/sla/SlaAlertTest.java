package io.leadhandoff.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerts reach people: listed in the reader's scope, and streamed live (server-sent events) filtered by team, resumable. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SlaAlertTest {

    static BrokerProbe broker;

    @Inject
    EventCodec codec;

    @TestHTTPResource("/api/v1/alerts/stream")
    URL stream;

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    /** A HOT lead assigned two hours ago: its first-touch clock is overdue at once. */
    UUID overdueLead(String owner, String manager, String team) {
        UUID lead = UUID.randomUUID();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, UUID.randomUUID(), owner, manager, team, Priority.HOT, twoHoursAgo,
                        twoHoursAgo.plusSeconds(3600)))));
        return lead;
    }

    static List<String> alertLeads(String token) {
        return given().auth().oauth2(token).queryParam("kind", "BREACH").when().get("/api/v1/alerts").then()
                .statusCode(200).extract().path("leadId");
    }

    /** Reads a server-sent event stream line by line into a queue, until closed. */
    static final class SseReader implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Void>> response;

        SseReader(URL url, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.toURI()).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            lines.add(line);
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
        }

        /** The data line of the first event mentioning {@code text}, or null after {@code timeout}. */
        String await(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            String line;
            while ((line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return null;
        }

        @Override
        public void close() {
            response.cancel(true);
        }
    }

    @Test
    void aManagerListsAndStreamsHerTeamsAlertsOnlyAndResumesWhereSheLeftOff() throws Exception {
        String team = "Team " + UUID.randomUUID();
        String manager = "mgr-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Tokens.of(manager, Roles.SALES_MANAGER);
        try (SseReader live = new SseReader(stream, token, null)) {
            // live from here: what is raised from now on arrives
            assertTrue(live.await("connected", Duration.ofSeconds(10)) != null, "the stream says it is live");
            UUID mine = overdueLead("sam", manager, team);
            UUID others = overdueLead("ed", "mike", "Team elsewhere " + UUID.randomUUID());
            String event = live.await(mine.toString(), Duration.ofSeconds(20));
            assertTrue(event != null && event.startsWith("data:"), "her team's breach arrives live: " + event);
            await().atMost(Duration.ofSeconds(10)).until(() -> alertLeads(Tokens.of("ada", Roles.REVOPS_ADMIN))
                    .contains(others.toString()));
            assertEquals(List.of(mine.toString()), alertLeads(token), "only her team's");
            assertTrue(alertLeads(Tokens.of("sam", Roles.SALES_REP)).contains(mine.toString()), "the owner sees his own");
            assertTrue(!alertLeads(Tokens.of("sam", Roles.SALES_REP)).contains(others.toString()));
            assertEquals(null, live.await(others.toString(), Duration.ofSeconds(2)), "never another team's");
        }
        long seen = given().auth().oauth2(token).when().get("/api/v1/alerts").then().extract().jsonPath().getLong("[-1].id");
        UUID later = overdueLead("sam", manager, team);
        await().atMost(Duration.ofSeconds(10)).until(() -> alertLeads(token).contains(later.toString()));
        // reconnecting after the last id she saw: what she missed, and nothing twice
        try (SseReader resumed = new SseReader(stream, token, String.valueOf(seen))) {
            String missed = resumed.await(later.toString(), Duration.ofSeconds(10));
            assertTrue(missed != null, "the alert raised while she was away");
            assertTrue(resumed.lines.stream().noneMatch(l -> l.startsWith("id:") && Long.parseLong(l.substring(3).strip()) <= seen));
        }
        given().when().get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(Tokens.of("marta", Roles.MARKETING)).when().get("/api/v1/alerts").then().statusCode(403);
    }
}
