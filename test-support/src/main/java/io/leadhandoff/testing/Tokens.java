package io.leadhandoff.testing;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Set;

/** Signed access tokens from the OIDC test server, verified by the service like any real token. */
public final class Tokens {

    private Tokens() {
    }

    public static String of(String user, String... roles) {
        return OidcWiremockTestResource.getAccessToken(user, Set.of(roles));
    }
}
