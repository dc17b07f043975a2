package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;

import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * Every report test of {@link ReportAnswers}, with the same hand-computed answers, over whole
 * calendar months around the history: the sums come from the rollups (weekly for the funnel by
 * week), kept in step with the shuffled, partly repeated events.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportRollupTest extends ReportAnswers {

    @Override
    RequestSpecification span() {
        return given().auth().oauth2(MANAGER).queryParam("from", history.day.withDayOfMonth(1).minusMonths(1).toString())
                .queryParam("to", history.day.plusDays(7).withDayOfMonth(1).plusMonths(2).minusDays(1).toString());
    }
}
