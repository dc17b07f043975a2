package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Replay: the read models rebuilt from the event log equal the ones built live, event by event in
 * any order; events that arrive during a replay are kept.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReplayTest {

    static final String REVOPS = Tokens.of("rita", Roles.REVOPS_ADMIN);

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    List<String> readModels(ReportHistory h) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> rows = new ArrayList<>();
            for (String table : List.of("lead_cycle", "stage_transition")) {
                ((List<Object>) em.createNativeQuery("select cast(t.* as text) from " + table
                        + " t where lead_id = any(cast(:leads as uuid[])) order by cast(t.* as text)")
                        .setParameter("leads", h.leads().stream().map(UUID::toString).toArray(String[]::new)).getResultList())
                        .forEach(r -> rows.add(table + " " + r));
            }
            ((List<Object>) em.createNativeQuery("select cast(r.* as text) from rep r where team = :team order by 1")
                    .setParameter("team", h.team).getResultList()).forEach(r -> rows.add("rep " + r));
            // the rollups, kept in step event by event (shuffled), equal those built whole (rows summing to
            // zero are left behind by the live path: a cycle that moved)
            for (String rollup : List.of("cycle_rollup where mql <> 0 and (team = :team or campaign = :brand)",
                    "duration_rollup where n <> 0 and (team = :team or campaign = :brand)",
                    "transition_rollup where n <> 0 and (team = :team or campaign = :brand)",
                    "clock_rollup where n <> 0 and (team = :team or campaign = :brand)")) {
                ((List<Object>) em.createNativeQuery("select cast(r.* as text) from " + rollup.replace(" where ", " r where ")
                        + " order by 1").setParameter("team", h.team).setParameter("brand", h.brand).getResultList())
                        .forEach(r -> rows.add(rollup.split(" ")[0] + " " + r));
            }
            return rows;
        });
    }

    @Test
    void replayRebuildsWhatLiveProjectionBuiltAndKeepsWhatArrivesMeanwhile() {
        ReportHistory h = new ReportHistory(codec);
        List<String> events = new ArrayList<>(h.events());
        Collections.shuffle(events);
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(events);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> readModels(h).stream().filter(r -> r.startsWith("lead_cycle")).count() == 6
                && readModels(h).stream().filter(r -> r.startsWith("rep")).count() == 3);
        List<String> live = readModels(h);
        assertFalse(live.isEmpty());
        assertTrue(live.stream().anyMatch(r -> r.startsWith("cycle_rollup")) && live.stream().anyMatch(r -> r.startsWith(
                "duration_rollup")) && live.stream().anyMatch(r -> r.startsWith("transition_rollup"))
                && live.stream().anyMatch(r -> r.startsWith("clock_rollup")), live::toString);

        String id = given().auth().oauth2(REVOPS).when().post("/api/v1/admin/replay").then().statusCode(202)
                .header("Location", notNullValue()).body("status", equalTo("RUNNING")).extract().path("id");
        // an MQL that arrives while the replay runs is taken over at the swap
        UUID late = UUID.randomUUID();
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_QUALIFIED, codec.encode(TestEvents.wrap(EventType.LEAD_QUALIFIED, "test",
                    late.toString(), new LeadQualified(late, "late@acme.example", null, null, null, null, null, null,
                            "late-" + h.run, null, Priority.WARM, 10, 10, 20, "threshold", 1, List.of(), List.of(),
                            h.at(0, 9, 0)))));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(REVOPS).when()
                .get("/api/v1/admin/replay/" + id).then().statusCode(200).body("status", equalTo("DONE"))
                .body("events", greaterThan(0)));
        assertEquals(live, readModels(h));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(REVOPS)
                .queryParam("from", h.day.toString()).queryParam("to", h.day.toString()).queryParam("source", "late-" + h.run)
                .when().get("/api/v1/reports/funnel").then().statusCode(200).body("summary.mql", equalTo(1)));
        given().auth().oauth2(REVOPS).when().get("/api/v1/admin/replay").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("DONE"));
    }

    @Test
    void replayIsForRevOps() {
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).when().post("/api/v1/admin/replay").then()
                .statusCode(403);
        given().auth().oauth2(REVOPS).when().get("/api/v1/admin/replay/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
