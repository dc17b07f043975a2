package io.leadhandoff.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * common's migrations (V0_x) live beside each service's (V1+) in one history: a migration added to
 * common later must still apply in a database that is already past it, with the service's own
 * Flyway settings.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class CommonMigrationsTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.flyway.out-of-order")
    boolean outOfOrder;

    /** A new empty schema beside the service's (a database of its own), migrated to this release. */
    String schemaAtThisRelease() {
        String schema = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        flyway(schema, outOfOrder, "classpath:db/common", "classpath:db/migration").migrate();
        return schema;
    }

    Flyway flyway(String schema, boolean outOfOrder, String... locations) {
        return Flyway.configure().dataSource(url, "app", "app").schemas(schema).createSchemas(true).locations(locations)
                .outOfOrder(outOfOrder).load();
    }

    @Test
    void aMigrationAddedToCommonLaterAppliesInADatabaseAlreadyPastIt() throws SQLException {
        String schema = schemaAtThisRelease();
        flyway(schema, outOfOrder, "classpath:db/common", "classpath:db/migration", "classpath:db/later-common").migrate();
        try (Connection c = DriverManager.getConnection(url, "app", "app")) {
            var rs = c.createStatement().executeQuery("select count(*) from " + schema + ".added_to_common_later");
            rs.next();
            assertEquals(0, rs.getInt(1), "the later common migration ran");
        }
    }

    @Test
    void withoutOutOfOrderTheSameUpgradeWouldFail() throws SQLException {
        String schema = schemaAtThisRelease();
        assertThrows(FlywayException.class, () -> flyway(schema, false, "classpath:db/common", "classpath:db/migration",
                "classpath:db/later-common").migrate());
    }
}
