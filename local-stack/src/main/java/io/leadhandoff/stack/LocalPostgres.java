package io.leadhandoff.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL from Maven Central binaries (zonky), listening on 127.0.0.1 only. Durable mode turns
 * fsync and synchronous_commit back on (zonky switches them off for test speed): an accepted
 * lead must survive a crash.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param port    0 for any free port
     * @param dataDir null for a throw-away directory
     * @param durable fsync and synchronous commit on
     */
    public static LocalPostgres start(int port, Path dataDir, boolean durable) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        return new LocalPostgres(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the role (LOGIN, with password) and a database it owns, unless they exist. */
    public void ensureDatabase(String name, String user, String password) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                s.execute("create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database \"" + name + "\" owner \"" + user + "\"");
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
