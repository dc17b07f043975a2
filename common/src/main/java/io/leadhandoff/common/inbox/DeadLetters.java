package io.leadhandoff.common.inbox;

import io.leadhandoff.common.messaging.SettledSend;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Moves a message that can never be processed to the dead-letter address, with the reason, so
 * that it neither blocks its queue nor disappears. Blocks until the broker has it: if that fails
 * the caller's message is not acknowledged and comes back later.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "dead-letter";
    /** Anycast address (and queue) holding every dead letter of the platform. */
    public static final String ADDRESS = io.leadhandoff.common.messaging.BrokerTopology.DEAD_LETTER_ADDRESS;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<String> emitter;
    private final MeterRegistry registry;
    private final String service;

    public DeadLetters(@Channel(CHANNEL) Emitter<String> emitter, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.registry = registry;
        this.service = service;
    }

    /** Sends {@code body}, received on queue {@code fromQueue}, to the dead letters with the reason. */
    public void send(String fromQueue, String body, String reason) {
        LOG.warnf("Dead-lettering a message from %s: %s", fromQueue, reason);
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withAddress(ADDRESS)
                .withDurable(true)
                .withApplicationProperties(new JsonObject()
                        .put("x-original-queue", fromQueue)
                        .put("x-consumer", service)
                        .put("x-error", reason))
                .build();
        try {
            SettledSend.send(emitter, body, amqp).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter a message from " + fromQueue, e);
        }
        registry.counter("handoff.messages.dead.lettered", "queue", fromQueue).increment();
    }
}
