package io.leadhandoff.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's PostgreSQL: passwords required, durable settings, data kept across restarts. */
class LocalPostgresTest {

    @TempDir
    Path data;

    static String query(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void requiresPasswordsRunsDurablyAndKeepsItsDataAcrossRestarts() throws Exception {
        Path dir = data.resolve("postgres");
        try (LocalPostgres pg = LocalPostgres.start(0, dir, "super-secret")) {
            pg.ensureDatabase("scoring", "scoring", "scoring-demo");
            String url = pg.jdbcUrl("scoring");
            assertEquals("on", query(url, "scoring", "scoring-demo", "show fsync"));
            assertEquals("on", query(url, "scoring", "scoring-demo", "show synchronous_commit"));
            try (Connection c = DriverManager.getConnection(url, "scoring", "scoring-demo"); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('lead')");
            }

            SQLException noPassword = assertThrows(SQLException.class, () -> query(url, "scoring", null, "select 1"));
            assertEquals("08004", noPassword.getSQLState(), noPassword.getMessage());
            SQLException wrong = assertThrows(SQLException.class, () -> query(url, "postgres", "postgres", "select 1"));
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
            assertEquals(LocalPostgres.PASSWORD_HBA, Files.readString(dir.resolve("pg_hba.conf")));
        }
        // a second start of the secured directory: zonky's readiness check authenticates too
        try (LocalPostgres pg = LocalPostgres.start(0, dir, "super-secret")) {
            pg.ensureDatabase("scoring", "scoring", "scoring-demo");
            assertEquals("lead", query(pg.jdbcUrl("scoring"), "scoring", "scoring-demo", "select v from kept"));
            assertEquals("1", query(pg.jdbcUrl("postgres"), "postgres", "super-secret", "select 1"));
        }
    }
}
