package io.leadhandoff.stack;

import io.leadhandoff.common.event.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * ActiveMQ Artemis with an AMQP acceptor on 127.0.0.1, persistent, requiring a user and password.
 * Declares the platform's topology up front: one multicast address per event type with a durable
 * queue per consuming service, so no event is dropped because its consumer has not connected yet.
 */
public final class LocalBroker implements AutoCloseable {

    /** Where the broker moves a message it could not deliver after {@link #MAX_DELIVERY_ATTEMPTS}. */
    public static final String BROKER_DLA = "DLA";
    public static final int MAX_DELIVERY_ATTEMPTS = 10;
    public static final String DEAD_LETTER_ADDRESS = "handoff.dead-letter";
    public static final String EXPIRY = "ExpiryQueue";

    private final EmbeddedActiveMQ broker;
    private final int port;

    private LocalBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    public static LocalBroker start(int amqpPort, Path dataDir, String user, String password) throws Exception {
        Files.createDirectories(dataDir);
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("lead-handoff");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.setJMXManagementEnabled(false);
        config.setSecurityEnabled(true);
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + amqpPort
                + "?protocols=AMQP;saslMechanisms=PLAIN;amqpCredits=1000;amqpLowCredits=300");

        config.addAddressSetting("#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                .setDefaultQueueRoutingType(RoutingType.MULTICAST)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDeadLetterAddress(SimpleString.of(BROKER_DLA))
                .setExpiryAddress(SimpleString.of(EXPIRY))
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(1000));
        for (EventType type : EventType.values()) {
            for (String service : type.consumers()) {
                config.addQueueConfiguration(QueueConfiguration.of(type.queueName(service)).setAddress(type.address())
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            }
        }
        for (String anycast : new String[] { DEAD_LETTER_ADDRESS, BROKER_DLA, EXPIRY }) {
            config.addQueueConfiguration(QueueConfiguration.of(anycast).setAddress(anycast)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }

        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.setSecurityManager(new SingleUser(user, password));
        broker.start();
        return new LocalBroker(broker, amqpPort);
    }

    public int amqpPort() {
        return port;
    }

    /** Messages currently in a queue, e.g. {@code messageCount("handoff.dead-letter")}. */
    public long messageCount(String queue) {
        var q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }

    /** One user with every permission: enough for a local stack, and still no anonymous access. */
    private record SingleUser(String user, String password) implements ActiveMQSecurityManager {
        @Override
        public boolean validateUser(String u, String p) {
            return Objects.equals(user, u) && Objects.equals(password, p);
        }

        @Override
        public boolean validateUserAndRole(String u, String p, Set<Role> roles, CheckType checkType) {
            return validateUser(u, p);
        }
    }
}
