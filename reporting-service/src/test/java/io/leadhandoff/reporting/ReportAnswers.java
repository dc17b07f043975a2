package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.Tokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every report over the small history of {@link ReportHistory}, its events published over the real
 * broker shuffled (out of order across and within leads) and partly twice; the answers are worked
 * out by hand in the comments. Each subclass asks over its own {@link #span} around the history.
 */
abstract class ReportAnswers {

    static final String MANAGER = Tokens.of("maria", Roles.SALES_MANAGER);
    static ReportHistory history;

    @Inject
    EventCodec codec;

    @BeforeEach
    void publishOnce() {
        if (history != null) {
            return;
        }
        ReportHistory h = new ReportHistory(codec);
        List<String> events = new ArrayList<>(h.events());
        Collections.shuffle(events);
        events.addAll(events.subList(0, 10)); // redelivered
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(events);
        }
        history = h;
        // all projected: six MQL cycles, the last events of the roster and of every lead in
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            report("funnel").then().statusCode(200).body("summary.mql", equalTo(6)).body("summary.won", equalTo(1))
                    .body("summary.sql", equalTo(2)).body("summary.breached", equalTo(2)).body("summary.rejected", equalTo(1))
                    .body("summary.assigned", equalTo(5));
            report("routing-audit").then().body("summary.ownedByDeparted", equalTo(1)).body("summary.reassignments", equalTo(1));
        });
    }

    /** The history's week and the next (D to D+7), its team only. */
    RequestSpecification period() {
        return span().queryParam("team", history.team);
    }

    /** A period that holds the whole history (D to D+7), as a request with a manager's token. */
    abstract RequestSpecification span();

    io.restassured.response.Response report(String name) {
        return period().when().get("/api/v1/reports/" + name);
    }

    @Test
    void funnelCountsEveryCycleWithRatesAgainstTheBenchmarks() {
        // MQL cycles: L1, L2 (twice), L3, L4, L5 = 6; assigned all but L4 = 5; SAL: L1, L2's second = 2;
        // SQL 2; opportunity (L1, won) 1; won 1; rejected L2's first; breached L2's first and L3
        report("funnel").then().statusCode(200)
                .body("summary.mql", equalTo(6)).body("summary.assigned", equalTo(5)).body("summary.sal", equalTo(2))
                .body("summary.rejected", equalTo(1)).body("summary.sql", equalTo(2))
                .body("summary.opportunity", equalTo(1)).body("summary.won", equalTo(1)).body("summary.lost", equalTo(0))
                .body("summary.breached", equalTo(2))
                // the leads filter on team cannot apply before an MQL: not counted
                .body("summary.leads", nullValue())
                .body("summary.mqlToSal", equalTo(0.3333f)).body("summary.salToSql", equalTo(1.0f))
                .body("summary.mqlToSql", equalTo(0.3333f)).body("summary.sqlToOpportunity", equalTo(0.5f))
                .body("summary.opportunityToWon", equalTo(1.0f)).body("summary.mqlToWon", equalTo(0.1667f))
                .body("tables.benchmarks.rows.find { it.metric == 'mqlToSql' }.verdict", equalTo("WITHIN"))
                .body("tables.benchmarks.rows.find { it.metric == 'mqlToSal' }.verdict", equalTo("BELOW"))
                .body("tables.benchmarks.rows.find { it.metric == 'salToSql' }.verdict", equalTo("ABOVE"))
                .body("notes[0]", startsWith("Fewer than 30 MQLs"))
                .body("notes[1]", containsString("MQL to SQL is within the healthy range"));
        // without the team filter the leads count by creation applies: for source ads, L3 and L4
        span().queryParam("source", "ads").queryParam("campaign", history.brand).when().get("/api/v1/reports/funnel").then().statusCode(200)
                .body("summary.leads", equalTo(2)).body("summary.mql", equalTo(2)).body("summary.assigned", equalTo(1))
                .body("summary.sal", equalTo(0)).body("summary.breached", equalTo(1)).body("summary.mqlToSal", equalTo(0.0f));
    }

    @Test
    void funnelFiltersAndCohorts() {
        period().queryParam("priority", "hot").when().get("/api/v1/reports/funnel").then()
                .body("summary.mql", equalTo(1)).body("summary.won", equalTo(1));
        period().queryParam("segment", "ENTERPRISE").when().get("/api/v1/reports/funnel").then()
                .body("summary.mql", equalTo(1)).body("summary.breached", equalTo(1));
        period().queryParam("owner", history.bob).when().get("/api/v1/reports/funnel").then()
                .body("summary.mql", equalTo(1)).body("summary.sql", equalTo(1));
        // the first week holds five MQLs, the next one L2's second
        period().queryParam("cohort", "week").when().get("/api/v1/reports/funnel").then()
                .body("tables.funnel.rows", hasSize(2))
                .body("tables.funnel.rows[0].mql", equalTo(5)).body("tables.funnel.rows[1].mql", equalTo(1))
                .body("tables.funnel.rows[1].sql", equalTo(1)).body("tables.funnel.rows[1].mqlToSql", equalTo(1.0f));
        // a later period holds none of these MQLs
        given().auth().oauth2(MANAGER).queryParam("from", history.day.plusDays(8).toString())
                .queryParam("to", history.day.plusDays(13).toString()).queryParam("team", history.team)
                .when().get("/api/v1/reports/funnel").then().body("summary.mql", equalTo(0))
                .body("summary.mqlToSal", nullValue());
    }

    @Test
    void velocityHasMediansAndP90PerGroup() {
        // ann's cycles: L1 (touched after 31 min, SAL after 1 h, SQL after 24 h, won after 48 h), L2's first
        // (touched after 2 h 02, rejected after 3 h), L3 (nothing yet). Median of 0.5167 and 2.0333 h: 1.275 h;
        // p90: 0.5167 + 0.9 * 1.5167 = 1.8817 h. Decision: median 2.0 h, p90 2.8 h.
        ValidatableResponse ann = period().queryParam("by", "owner").when().get("/api/v1/reports/velocity").then()
                .statusCode(200).body("filters.by", equalTo("owner"));
        String row = "tables.velocity.rows.find { it.group == '" + history.ann + "' }.";
        ann.body(row + "mql", equalTo(3)).body(row + "mqlToFirstTouchMedianHours", equalTo(1.28f))
                .body(row + "mqlToFirstTouchP90Hours", equalTo(1.88f)).body(row + "mqlToDecisionMedianHours", equalTo(2.0f))
                .body(row + "mqlToDecisionP90Hours", equalTo(2.8f)).body(row + "salToSqlMedianHours", equalTo(24.0f))
                .body(row + "sqlToWonMedianHours", equalTo(48.0f)).body(row + "smallSample", equalTo(true));
        // by priority: HOT is L1 alone
        period().queryParam("by", "priority").when().get("/api/v1/reports/velocity").then()
                .body("tables.velocity.rows.find { it.group == 'HOT' }.mqlToFirstTouchMedianHours", equalTo(0.52f));
        period().queryParam("by", "campaign").when().get("/api/v1/reports/velocity").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'by' must be one of"));
    }

    @Test
    void sourcesShowConversionWithVolume() {
        // webinar/q1: L1, L2 twice, L5 = 4 MQLs; SAL L1, L2's second; SQL the same; won L1
        String webinar = "tables.sources.rows.find { it.source == 'webinar' }.";
        report("sources").then().statusCode(200)
                .body("tables.sources.rows", hasSize(2))
                .body(webinar + "mql", equalTo(4)).body(webinar + "sal", equalTo(2)).body(webinar + "sql", equalTo(2))
                .body(webinar + "won", equalTo(1)).body(webinar + "salRate", equalTo(0.5f))
                .body(webinar + "wonRate", equalTo(0.25f)).body(webinar + "smallSample", equalTo(true))
                .body("tables.sources.rows.find { it.source == 'ads' }.mql", equalTo(2))
                .body("tables.sources.rows.find { it.source == 'ads' }.sqlRate", equalTo(0.0f));
    }

    @Test
    void rejectionsByReasonAndRepAgainstTeam() {
        report("rejections").then().statusCode(200).body("summary.rejected", equalTo(1))
                .body("tables.reasons.rows", hasSize(1))
                .body("tables.reasons.rows[0].group", equalTo("webinar"))
                .body("tables.reasons.rows[0].reason", equalTo("BAD_TIMING"))
                .body("tables.reasons.rows[0].shareOfGroup", equalTo(1.0f))
                // ann decided L1 (accepted) and L2 (rejected); bob accepted L2's second; the team 1 of 3
                .body("tables.reps.rows.find { it.owner == '" + history.ann + "' }.rejectionRate", equalTo(0.5f))
                .body("tables.reps.rows.find { it.owner == '" + history.ann + "' }.teamRejectionRate", equalTo(0.3333f))
                .body("tables.reps.rows.find { it.owner == '" + history.bob + "' }.rejectionRate", equalTo(0.0f))
                .body("tables.reps.rows.find { it.owner == '" + history.carl + "' }.decided", equalTo(0))
                .body("tables.reps.rows.find { it.owner == '" + history.carl + "' }.rejectionRate", nullValue());
        period().queryParam("by", "segment").when().get("/api/v1/reports/rejections").then()
                .body("tables.reasons.rows[0].group", equalTo("SMB"));
    }

    @Test
    void slaComplianceAndOpenBreaches() {
        // FIRST_TOUCH for ann: met L1, breached L2 and L3 (after L3 was reassigned to her): 1 of 3
        String ann = "tables.compliance.rows.find { it.owner == '" + history.ann + "' }.";
        report("sla-compliance").then().statusCode(200)
                .body(ann + "kind", equalTo("FIRST_TOUCH")).body(ann + "met", equalTo(1)).body(ann + "breached", equalTo(2))
                .body(ann + "compliance", equalTo(0.3333f))
                .body("summary.met", equalTo(1)).body("summary.breached", equalTo(2))
                // L2's breach was followed by a touch; L3's is open
                .body("summary.openBreaches", equalTo(1)).body("tables.open.rows[0].owner", equalTo(history.ann));
        // by the cycle's source: webinar holds L1 (met) and L2 (breached), not L3
        period().queryParam("source", "webinar").when().get("/api/v1/reports/sla-compliance").then().statusCode(200)
                .body(ann + "met", equalTo(1)).body(ann + "breached", equalTo(1)).body("summary.breached", equalTo(1));
    }

    @Test
    void routingAuditFindsDepartedOwnersSharesQueuesAndReassignments() {
        // assignments in the period: ann L1, L2, L3 (reassigned) = 3, bob L3, L2's second = 2; weights 2 and 1
        String ann = "tables.shares.rows.find { it.owner == '" + history.ann + "' }.";
        report("routing-audit").then().statusCode(200)
                .body("tables.departed.rows", hasSize(1))
                .body("tables.departed.rows[0].leadId", equalTo(history.l5.toString()))
                .body("tables.departed.rows[0].status", equalTo("DEPARTED"))
                .body("tables.shares.rows", hasSize(2))
                .body(ann + "assigned", equalTo(3)).body(ann + "share", equalTo(0.6f)).body(ann + "weightShare", equalTo(0.6667f))
                .body(ann + "deviation", equalTo(-0.0667f))
                .body("tables.queues.rows[0].queue", equalTo("ENRICHMENT")).body("tables.queues.rows[0].waiting", equalTo(1))
                .body("tables.queues.rows[0].oldestHours", greaterThan(24f))
                .body("tables.reassignments.rows[0].reason", equalTo("SLA escalation"))
                .body("tables.reassignments.rows[0].reassignments", equalTo(1));
    }

    @Test
    void calibrationByScoreBandAndFitTier() {
        String a = "tables.calibration.rows.find { it.fitTier == 'A' }.";
        String b = "tables.calibration.rows.find { it.fitTier == 'B' }.";
        String c = "tables.calibration.rows.find { it.fitTier == 'C' }.";
        report("calibration").then().statusCode(200).body("tables.calibration.rows", hasSize(3))
                .body(a + "scoreBand", equalTo("70-79")).body(a + "acceptanceRate", equalTo(1.0f)).body(a + "wonRate", equalTo(1.0f))
                // B: L2 (55, then 58) and L5 (50): 3 cycles; decided L2's two, accepted one
                .body(b + "scoreBand", equalTo("50-59")).body(b + "mql", equalTo(3)).body(b + "decided", equalTo(2))
                .body(b + "acceptanceRate", equalTo(0.5f)).body(b + "sqlRate", equalTo(0.3333f))
                .body(c + "scoreBand", equalTo("30-39")).body(c + "mql", equalTo(2)).body(c + "acceptanceRate", nullValue())
                .body(a + "modelVersion", equalTo(1));
    }

    @Test
    void recycledLeadsThatConverted() {
        report("recycled").then().statusCode(200)
                .body("summary.requalified", equalTo(1)).body("summary.converted", equalTo(1)).body("summary.won", equalTo(0))
                .body("summary.sqlRate", equalTo(1.0f))
                .body("tables.converted.rows[0].leadId", equalTo(history.l2.toString()))
                .body("tables.converted.rows[0].cycle", equalTo(2)).body("tables.converted.rows[0].owner", equalTo(history.bob));
    }

    @Test
    void eachTableDownloadsAsCsv() {
        String csv = period().accept("text/csv").queryParam("by", "owner").when().get("/api/v1/reports/velocity").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("velocity-velocity.csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("group,mql,mqlToFirstTouchMedianHours,mqlToFirstTouchP90Hours,mqlToDecisionMedianHours,"
                + "mqlToDecisionP90Hours,salToSqlMedianHours,salToSqlP90Hours,sqlToWonMedianHours,sqlToWonP90Hours,smallSample",
                lines.get(0));
        assertEquals(true, lines.stream().anyMatch(l -> l.startsWith(history.ann + ",3,1.28,1.88,2.0,2.8,24.0,24.0,48.0,48.0,true")),
                csv);
        String shares = period().accept("text/csv").queryParam("table", "shares").when().get("/api/v1/reports/routing-audit")
                .then().statusCode(200).extract().asString();
        assertEquals("team,owner,weight,assigned,share,weightShare,deviation", shares.lines().findFirst().orElseThrow());
        assertEquals(3, shares.lines().count(), shares);
        period().accept("text/csv").queryParam("table", "nope").when().get("/api/v1/reports/funnel").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("[funnel, benchmarks]"));
    }

    @Test
    void badRequestsAreExplained() {
        given().auth().oauth2(MANAGER).when().get("/api/v1/reports/pipeline").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("funnel, velocity"));
        given().auth().oauth2(MANAGER).queryParam("from", "2026-11-30").queryParam("to", "2026-11-01")
                .when().get("/api/v1/reports/funnel").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MANAGER).queryParam("from", "last tuesday")
                .when().get("/api/v1/reports/sources").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MANAGER).queryParam("from", "+1000000000-01-01T00:00:00Z")
                .when().get("/api/v1/reports/funnel").then().statusCode(400).body("detail", containsString("between 1900 and 9999"));
        given().auth().oauth2(MANAGER).queryParam("priority", "URGENT").when().get("/api/v1/reports/funnel").then()
                .statusCode(400).body("detail", containsString("'priority' must be one of [hot, high, warm]"));
        given().auth().oauth2(MANAGER).queryParam("cohort", "fortnight").when().get("/api/v1/reports/funnel").then()
                .statusCode(400).body("detail", containsString("'cohort'"));
        given().auth().oauth2(MANAGER).queryParam("by", "owner").when().get("/api/v1/reports/funnel").then()
                .statusCode(400).body("detail", containsString("'by' applies to"));
        given().auth().oauth2(MANAGER).when().get("/api/v1/reports/funnel").then().statusCode(200);
        // the widest period allowed: every month from a rollup, percentiles estimated or not, no failure
        for (String name : List.of("funnel", "velocity", "sources", "sla-compliance", "routing-audit")) {
            given().auth().oauth2(MANAGER).queryParam("from", "1900-01-01").queryParam("to", "9999-12-30")
                    .queryParam("cohort", name.equals("funnel") ? "week" : null).when().get("/api/v1/reports/" + name)
                    .then().statusCode(200);
        }
    }

    @Test
    void reportsAreForManagersMarketingAndRevOpsNotReps() {
        for (String name : List.of("funnel", "routing-audit")) {
            given().when().get("/api/v1/reports/" + name).then().statusCode(401);
            given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/reports/" + name).then()
                    .statusCode(403);
            given().auth().oauth2(Tokens.of("marta", Roles.MARKETING)).when().get("/api/v1/reports/" + name).then()
                    .statusCode(200);
            given().auth().oauth2(Tokens.of("rita", Roles.REVOPS_ADMIN)).when().get("/api/v1/reports/" + name).then()
                    .statusCode(200);
        }
    }
}
