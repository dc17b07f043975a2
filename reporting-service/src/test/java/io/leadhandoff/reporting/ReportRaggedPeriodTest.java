package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;

import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * Every report test of {@link ReportAnswers}, with the same hand-computed answers, over ten
 * weeks that start and end inside a month: its whole months come from the rollups, its ragged ends
 * from the cycles themselves (the history falls in one or the other, by its random week).
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportRaggedPeriodTest extends ReportAnswers {

    @Override
    RequestSpecification span() {
        return given().auth().oauth2(MANAGER).queryParam("from", history.day.minusDays(25).toString())
                .queryParam("to", history.day.plusDays(45).toString());
    }
}
