package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** POST /api/v1/history: a CRM export becomes history that feeds the same reports as live events. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class HistoryImportTest {

    static final String REVOPS = Tokens.of("rita", Roles.REVOPS_ADMIN);

    final String campaign = "Spring-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    /** The CRM's own column names, semicolon-separated, quoted where a value holds the separator. */
    String export() {
        return """
                "Lead ID";Source;Campaign;Segment;Owner;Team;MQL date;Assigned;First touch;SLA breached;SAL date;SQL date;Won;Lost;Rejected;Reason;Score;Tier
                crm-1-%1$s;"Web; organic";%1$s;SMB;ann;Team %1$s;2015-03-02;2015-03-02 00:10;2015-03-02 00:40;;2015-03-03;2015-03-10;2015-04-01;;;;82;A
                crm-2-%1$s;Webinar;%1$s;mid-market;bob;Team %1$s;2015-03-02 10:00;2015-03-02 10:05;2015-03-03 12:00;2015-03-02 11:05;;;;;2015-03-04;"Bad timing";45;B
                crm-3-%1$s;Webinar;%1$s;;bob;Team %1$s;2015-03-03T08:00:00Z;;;;2015-03-04;;;2015-03-20;;;48;B
                """.formatted(campaign);
    }

    RequestSpecification mapped() {
        return given().auth().oauth2(REVOPS).contentType("text/csv").queryParam("lead", "Lead ID")
                .queryParam("source", "Source").queryParam("campaign", "Campaign").queryParam("segment", "Segment")
                .queryParam("owner", "Owner").queryParam("mql", "MQL date").queryParam("sal", "SAL date")
                .queryParam("sql", "SQL date").queryParam("won", "Won").queryParam("lost", "Lost")
                .queryParam("rejected", "Rejected").queryParam("reason", "Reason").queryParam("team", "Team")
                .queryParam("assigned", "Assigned").queryParam("firstTouch", "First touch")
                .queryParam("breached", "SLA breached").queryParam("score", "Score").queryParam("fitTier", "Tier");
    }

    RequestSpecification march() {
        return given().auth().oauth2(REVOPS).queryParam("from", "2015-03-01").queryParam("to", "2015-03-31")
                .queryParam("campaign", campaign);
    }

    @Test
    void importedHistoryFeedsTheReportsOnce() {
        mapped().body(export()).when().post("/api/v1/history").then().statusCode(200)
                .body("rows", equalTo(3)).body("imported", equalTo(3)).body("alreadyImported", equalTo(0))
                .body("leads", equalTo(3));
        // three leads and MQLs; accepted crm-1 and crm-3; crm-1 an SQL and won (so an opportunity);
        // crm-2 rejected; crm-3 lost
        march().when().get("/api/v1/reports/funnel").then().statusCode(200)
                .body("summary.leads", equalTo(3)).body("summary.mql", equalTo(3)).body("summary.sal", equalTo(2))
                .body("summary.rejected", equalTo(1)).body("summary.sql", equalTo(1))
                .body("summary.opportunity", equalTo(1)).body("summary.won", equalTo(1)).body("summary.lost", equalTo(1));
        march().queryParam("segment", "MID_MARKET").when().get("/api/v1/reports/funnel").then()
                .body("summary.mql", equalTo(1)).body("summary.rejected", equalTo(1));
        march().when().get("/api/v1/reports/rejections").then()
                .body("tables.reasons.rows[0].group", equalTo("Webinar")).body("tables.reasons.rows[0].reason", equalTo("BAD_TIMING"));
        march().queryParam("by", "owner").when().get("/api/v1/reports/velocity").then()
                .body("tables.velocity.rows.find { it.group == 'ann' }.salToSqlMedianHours", equalTo(168.0f));
        march().when().get("/api/v1/reports/sources").then()
                .body("tables.sources.rows.find { it.source == 'Web; organic' }.won", equalTo(1));
        // first touch after 40 min (met: no breach given), and one breached an hour after its assignment
        march().queryParam("by", "owner").when().get("/api/v1/reports/velocity").then()
                .body("tables.velocity.rows.find { it.group == 'ann' }.mqlToFirstTouchMedianHours", equalTo(0.67f));
        march().queryParam("team", "Team " + campaign).when().get("/api/v1/reports/sla-compliance").then()
                .body("summary.met", equalTo(1)).body("summary.breached", equalTo(1))
                .body("tables.compliance.rows.find { it.owner == 'bob' }.kind", equalTo("FIRST_TOUCH"));
        march().when().get("/api/v1/reports/calibration").then()
                .body("tables.calibration.rows.find { it.fitTier == 'A' }.scoreBand", equalTo("80-89"))
                .body("tables.calibration.rows.find { it.fitTier == 'B' }.mql", equalTo(2))
                .body("tables.calibration.rows.find { it.fitTier == 'B' }.acceptanceRate", equalTo(0.5f));

        // the same file again adds nothing
        mapped().body(export()).when().post("/api/v1/history").then().statusCode(200)
                .body("imported", equalTo(0)).body("alreadyImported", equalTo(3));
        march().when().get("/api/v1/reports/funnel").then().body("summary.mql", equalTo(3)).body("summary.leads", equalTo(3));
    }

    @Test
    void badRowsAreNamedByLineAndNothingIsImported() {
        String file = """
                Lead ID,Source,Campaign,MQL date,SAL date,Segment
                ok-1,Ads,%1$s,2015-03-02,,
                bad-date,Ads,%1$s,02/03/2015,,
                early,Ads,%1$s,2015-03-05,2015-03-01,
                ,Ads,%1$s,2015-03-05,,
                short,Ads
                huge,Ads,%1$s,2015-03-05,,GIANT
                """.formatted(campaign);
        given().auth().oauth2(REVOPS).contentType("text/csv").queryParam("lead", "Lead ID").queryParam("mql", "MQL date")
                .queryParam("sal", "SAL date").queryParam("campaign", "Campaign").queryParam("segment", "Segment")
                .body(file).when().post("/api/v1/history").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("5 of 6 rows cannot be imported; nothing was imported"))
                .body("violations", hasSize(5))
                .body("violations[0].field", equalTo("line 3")).body("violations[0].message", containsString("mql '02/03/2015'"))
                .body("violations[1].field", equalTo("line 4")).body("violations[1].message", containsString("sal 2015-03-01 is before mql"))
                .body("violations[2].field", equalTo("line 5")).body("violations[2].message", containsString("lead is empty"))
                .body("violations[3].field", equalTo("line 6")).body("violations[3].message", containsString("has 2 fields"))
                .body("violations[4].field", equalTo("line 7")).body("violations[4].message", containsString("segment 'GIANT'"));
        march().when().get("/api/v1/reports/funnel").then().body("summary.mql", equalTo(0));
    }

    @Test
    void theMappingIsChecked() {
        given().auth().oauth2(REVOPS).contentType("text/csv").queryParam("lead", "Lead ID").body(export())
                .when().post("/api/v1/history").then().statusCode(400).body("detail", containsString("'mql'"));
        given().auth().oauth2(REVOPS).contentType("text/csv").queryParam("lead", "Lead ID").queryParam("mql", "MQL")
                .body(export()).when().post("/api/v1/history").then().statusCode(422)
                .body("detail", containsString("The column 'MQL' for mql is not in the header"));
        mapped().queryParam("stage", "Stage").body(export()).when().post("/api/v1/history").then().statusCode(400)
                .body("detail", containsString("Unknown query parameter 'stage'"));
        mapped().body("").when().post("/api/v1/history").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).contentType("text/csv").queryParam("lead", "Lead ID")
                .queryParam("mql", "MQL date").body(export()).when().post("/api/v1/history").then().statusCode(403);
    }
}
