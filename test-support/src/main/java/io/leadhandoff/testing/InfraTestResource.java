package io.leadhandoff.testing;

import io.leadhandoff.stack.LocalBroker;
import io.leadhandoff.stack.LocalMail;
import io.leadhandoff.stack.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/**
 * Real PostgreSQL, a real Artemis broker (AMQP, with credentials) and a real SMTP server for a service's tests, started
 * once per test JVM and stopped when it exits, so test classes share them (use unique data).
 * The broker's coordinates are also published as system properties for {@link BrokerProbe}.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BROKER_USER = "handoff";
    public static final String BROKER_PASSWORD = "handoff-test";
    static final String PORT_PROPERTY = "handoff.test.amqp-port";

    private static LocalPostgres postgres;
    private static LocalBroker broker;
    private static LocalMail mail;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                // fsync off: test speed; the local stack and production keep it on
                postgres = LocalPostgres.forTests();
                postgres.ensureDatabase("app", "app", "app");
                broker = LocalBroker.start(freePort(), Files.createTempDirectory("artemis-test"), BROKER_USER,
                        BROKER_PASSWORD);
                mail = LocalMail.start(freePort());
                Runtime.getRuntime().addShutdownHook(new Thread(InfraTestResource::shutdown));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
        System.setProperty(PORT_PROPERTY, String.valueOf(broker.amqpPort()));
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.smtpPort()),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("app"),
                "quarkus.datasource.username", "app",
                "quarkus.datasource.password", "app",
                "amqp-host", "127.0.0.1",
                "amqp-port", String.valueOf(broker.amqpPort()),
                "amqp-username", BROKER_USER,
                "amqp-password", BROKER_PASSWORD);
    }

    /** The test SMTP server: every mail the service under test sent. */
    public static LocalMail mail() {
        return mail;
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; see the shutdown hook
    }

    private static void shutdown() {
        try {
            mail.close();
            broker.close();
            postgres.close();
        } catch (Exception e) {
            System.err.println("Test infrastructure did not stop cleanly: " + e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
