package io.leadhandoff.routing;

import io.leadhandoff.testing.ApiFuzzContract;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Hostile input generated from this service's OpenAPI document, against every endpoint it lists. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ApiFuzzTest extends ApiFuzzContract {
}
