package io.leadhandoff.common.outbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.messaging.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.InstantSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records events in the caller's transaction; the {@link OutboxRelay} publishes them after commit. */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final String source;
    private final InstantSource clock;

    public Outbox(EventCodec codec, OutboxRelay relay, TransactionSynchronizationRegistry transactions,
            InstantSource clock, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.codec = codec;
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
        this.source = source;
    }

    /**
     * Adds an event about {@code subject} (a lead id: it orders the stream) to the current
     * transaction, dated now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends Record> EventEnvelope<T> publish(String subject, T data) {
        Instant now = clock.instant();
        EventEnvelope<T> envelope = EventEnvelope.of(source, subject, data, now);
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.id();
        row.address = EventStream.ADDRESS;
        row.type = envelope.type();
        row.subject = subject;
        row.payload = codec.encode(envelope);
        row.createdAt = now;
        row.persist();
        // Publish right after commit for speed to lead; the relay's poll is the safety net.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
        return envelope;
    }
}
