package io.leadhandoff.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
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
 * lead must survive a crash. With a superuser password it also turns zonky's {@code trust}
 * authentication into password authentication (scram-sha-256): any local user could otherwise
 * connect as any role.
 */
public final class LocalPostgres implements AutoCloseable {

    /** Written over zonky's all-trusting pg_hba.conf: every connection must authenticate. */
    static final String PASSWORD_HBA = """
            # lead-handoff local stack (written by LocalPostgres): passwords required, loopback only
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away, trusting, non-durable instance on any free port: for tests. */
    public static LocalPostgres forTests() throws IOException {
        return new LocalPostgres(builder(false).start());
    }

    /**
     * The local stack's instance: durable (fsync and synchronous commit on), kept in {@code dataDir},
     * password authentication required with {@code superuserPassword} for the {@code postgres} role.
     *
     * @param port 0 for any free port
     */
    public static LocalPostgres start(int port, Path dataDir, String superuserPassword) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = builder(true)
                .setDataDirectory(dataDir).setCleanDataDirectory(false)
                // used by zonky's own readiness check and by ensureDatabase; ignored while still trusting
                .setConnectConfig("password", superuserPassword);
        if (port > 0) {
            builder.setPort(port);
        }
        LocalPostgres pg = new LocalPostgres(builder.start());
        pg.requirePasswords(dataDir, superuserPassword);
        return pg;
    }

    private static EmbeddedPostgres.Builder builder(boolean durable) {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /** Once per data directory (and on directories made before this existed): password, pg_hba, reload. */
    private void requirePasswords(Path dataDir, String superuserPassword) throws IOException, SQLException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (Files.readString(hba).equals(PASSWORD_HBA)) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter role postgres password " + literal(superuserPassword));
            Files.writeString(hba, PASSWORD_HBA);
            s.execute("select pg_reload_conf()");
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
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
                s.execute("create role \"" + user + "\" login password " + literal(password));
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
