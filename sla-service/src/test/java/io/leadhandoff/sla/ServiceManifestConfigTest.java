package io.leadhandoff.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.config.ServiceManifest;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.config.SmallRyeConfig;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** A service takes its default HTTP port and database from services.manifest, the list ./stack and the e2e tests read too. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ServiceManifestConfigTest {

    @Test
    void theServiceDefaultsComeFromTheManifestBelowItsOwnSettings() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        ConfigSource manifest = StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(s -> s.getName().contains("services.manifest")).findFirst()
                .orElseThrow(() -> new AssertionError("services.manifest is not a configuration source"));
        ServiceManifest.Service sla = ServiceManifest.packaged().named("sla");
        assertEquals(String.valueOf(sla.httpPort()), manifest.getValue("quarkus.http.port"));
        assertEquals("jdbc:postgresql://127.0.0.1:15432/sla", manifest.getValue("quarkus.datasource.jdbc.url"));
        assertEquals("sla", manifest.getValue("quarkus.datasource.username"));
        // the tests' own database (a test resource, like the environment in production) wins over it
        assertEquals("app", config.getConfigValue("quarkus.datasource.username").getValue());
        ConfigSource properties = StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(s -> s.getName().contains("application.properties")).findFirst().orElseThrow();
        assertTrue(manifest.getOrdinal() < properties.getOrdinal(), "application.properties overrides the manifest");
    }
}
