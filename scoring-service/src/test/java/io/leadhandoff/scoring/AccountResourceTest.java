package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Leads of one company domain form an account whose score is the decayed intent of all its contacts. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class AccountResourceTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    static void touch(String email, String type, String url) {
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[" + ActivityResourceTest.event(
                UUID.randomUUID().toString(), email, type, url, "null") + "]").when().post("/api/v1/events")
                .then().statusCode(202);
    }

    @Test
    void anAccountAddsUpItsContactsAndTravelsWithTheMql() {
        String domain = "acct-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String ana = "ana@" + domain;
        String ben = "ben@" + domain;
        touch(ana, "page_view", "https://" + domain + "/pricing");       // intent 10
        touch(ben, "page_view", "https://" + domain + "/case-study");   // intent 8
        JsonPath account = given().auth().oauth2(MARKETING).when().get("/api/v1/accounts/" + domain.toUpperCase())
                .then().statusCode(200).extract().jsonPath();
        assertEquals(domain, account.getString("domain"));
        assertEquals(2, account.getInt("contacts"));
        assertEquals(18, account.getInt("score"));
        assertEquals(10, account.getInt("people.find { it.email == '" + ana + "' }.intent"));

        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener qualified = broker.listen(EventType.LEAD_QUALIFIED)) {
            given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(LeadResourceTest.icpLead(ana))
                    .when().post("/api/v1/leads").then().statusCode(200);
            touch(ana, "demo_request", "https://" + domain + "/demo");
            JsonPath mql = JsonPath.from(qualified.await(m -> m.contains(ana), Duration.ofSeconds(10)));
            assertEquals("acme.example", mql.getString("data.accountDomain"), "the company domain the form gave wins");
        }
        given().auth().oauth2(MARKETING).when().get("/api/v1/accounts/gmail.com").then().statusCode(404);
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/accounts/" + domain).then().statusCode(403);
    }

    @Test
    void theMqlCarriesItsAccountsScore() {
        String domain = "acct-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        touch("cy@" + domain, "page_view", "https://" + domain + "/pricing");           // a colleague: intent 10
        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener qualified = broker.listen(EventType.LEAD_QUALIFIED)) {
            String dee = "dee@" + domain;
            touch(dee, "demo_request", "https://" + domain + "/demo");               // intent 15, fast track
            JsonPath mql = JsonPath.from(qualified.await(m -> m.contains(dee), Duration.ofSeconds(10)));
            assertEquals(domain, mql.getString("data.accountDomain"));
            assertEquals(25, mql.getInt("data.accountScore"));
        }
    }
}
