package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's login: the browser is sent to the OIDC provider (authorization code flow) while
 * the API keeps answering bearer-less calls with 401. The login itself with Keycloak, the charts,
 * the filters, the downloads and the refusal of a rep are tested in a real browser (e2e-tests,
 * DashboardBrowserTest).
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class DashboardTest {

    @Test
    void theDashboardSendsTheBrowserToLogInAndTheApiStaysBearerOnly() {
        for (String path : new String[] { "/dashboard", "/dashboard/reports/funnel", "/dashboard/reports/funnel.csv" }) {
            Response r = given().redirects().follow(false).when().get(path);
            assertEquals(302, r.statusCode(), path);
            String location = r.header("Location");
            assertTrue(location.contains("/realms/quarkus") && location.contains("response_type=code")
                    && location.contains("client_id=reporting-dashboard"), location);
        }
        given().redirects().follow(false).when().get("/api/v1/reports/funnel").then().statusCode(401);
    }
}
