package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;

import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * Every report's hand-computed answers ({@link ReportAnswers}) over the history's week and the next
 * (D to D+7): too short for a rollup, the reports read the cycles themselves.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportResourceTest extends ReportAnswers {

    @Override
    RequestSpecification span() {
        return given().auth().oauth2(MANAGER).queryParam("from", history.day.toString())
                .queryParam("to", history.day.plusDays(7).toString());
    }
}
