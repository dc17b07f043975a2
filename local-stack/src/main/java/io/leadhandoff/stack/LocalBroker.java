package io.leadhandoff.stack;

import io.leadhandoff.common.messaging.BrokerTopology;
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
 * Declares the platform's topology ({@link BrokerTopology}, derived from the event registry) up
 * front: the event stream's address with one filtered durable queue per consuming service, so no
 * event is dropped because its consumer has not connected yet.
 */
public final class LocalBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final int port;

    private LocalBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    public static LocalBroker start(int amqpPort, Path dataDir, String user, String password) throws Exception {
        return start(amqpPort, dataDir, user, password, BrokerTopology.platform());
    }

    /**
     * Starts a broker holding {@code topology}; {@code null} starts a bare one (like a freshly
     * installed external broker, where {@link TopologyCommand} applies it).
     */
    public static LocalBroker start(int amqpPort, Path dataDir, String user, String password, BrokerTopology topology)
            throws Exception {
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

        BrokerTopology.DeliverySettings delivery = (topology != null ? topology : BrokerTopology.platform()).delivery();
        config.addAddressSetting("#", addressSettings(delivery));
        if (topology != null) {
            topology.queues().forEach(q -> config.addQueueConfiguration(queueConfiguration(q)));
        }

        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.setSecurityManager(new SingleUser(user, password));
        broker.start();
        if (topology != null) {
            // a data directory from an earlier release keeps its queues: bring their filters up to date
            for (BrokerTopology.Queue q : topology.queues()) {
                broker.getActiveMQServer().updateQueue(queueConfiguration(q));
            }
        }
        return new LocalBroker(broker, amqpPort);
    }

    /** Durable addresses and queues, and where undeliverable and expired messages go. */
    static AddressSettings addressSettings(BrokerTopology.DeliverySettings delivery) {
        return new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                .setDefaultQueueRoutingType(RoutingType.MULTICAST)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDeadLetterAddress(SimpleString.of(delivery.deadLetterAddress()))
                .setExpiryAddress(SimpleString.of(delivery.expiryAddress()))
                .setMaxDeliveryAttempts(delivery.maxAttempts())
                .setRedeliveryDelay(delivery.redeliveryDelay().toMillis());
    }

    /** Delivery settings of one address match, as the broker holds them (null when none were set for it). */
    public String addressSettingsOf(String match) {
        var settings = broker.getActiveMQServer().getAddressSettingsRepository().getMatch(match);
        return settings == null ? null : "maxDeliveryAttempts=" + settings.getMaxDeliveryAttempts() + ", DLA="
                + settings.getDeadLetterAddress();
    }

    static QueueConfiguration queueConfiguration(BrokerTopology.Queue q) {
        QueueConfiguration config = QueueConfiguration.of(q.name()).setAddress(q.address())
                .setRoutingType(RoutingType.valueOf(q.routingType().name())).setDurable(true);
        return q.filter() == null ? config : config.setFilterString(q.filter());
    }

    /** The filter of a queue, or null when it has none or does not exist. */
    public String filterOf(String queue) {
        var q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null || q.getFilter() == null ? null : q.getFilter().getFilterString().toString();
    }

    public boolean hasQueue(String queue) {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(queue)) != null;
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
