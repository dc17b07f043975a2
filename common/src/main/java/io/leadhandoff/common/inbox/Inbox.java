package io.leadhandoff.common.inbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;

/**
 * The consuming side of every event: decode and validate, then apply the effect and record the
 * event id in one transaction, so a redelivered event changes nothing. Poison messages go to
 * {@link DeadLetters}; a failing effect propagates, so the message is redelivered.
 */
@ApplicationScoped
public class Inbox {

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EntityManager em;
    private final MeterRegistry registry;

    public Inbox(EventCodec codec, DeadLetters deadLetters, EntityManager em, MeterRegistry registry) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.em = em;
        this.registry = registry;
    }

    public <T extends Record> void consume(EventType type, Object payload, Consumer<EventEnvelope<T>> effect) {
        String body = EventCodec.text(payload);
        EventEnvelope<T> envelope;
        try {
            envelope = codec.decode(body, type);
        } catch (InvalidEventException e) {
            deadLetters.send(type.address(), body, e.getMessage());
            return;
        }
        boolean applied = QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery(
                    "insert into processed_event (event_id, consumer) values (:id, :consumer) on conflict do nothing")
                    .setParameter("id", envelope.id())
                    .setParameter("consumer", type.address())
                    .executeUpdate();
            if (inserted == 0) {
                return false;
            }
            effect.accept(envelope);
            return true;
        });
        registry.counter("handoff.messages.consumed", "address", type.address(),
                "outcome", applied ? "applied" : "duplicate").increment();
    }
}
