package io.leadhandoff.common.outbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records events in the caller's transaction; the {@link OutboxRelay} publishes them after commit. */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final String source;

    public Outbox(EventCodec codec, OutboxRelay relay, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.codec = codec;
        this.relay = relay;
        this.transactions = transactions;
        this.source = source;
    }

    /** Adds an event about {@code subject} (a lead id) to the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends Record> EventEnvelope<T> publish(String subject, T data) {
        EventType type = EventType.ofDataClass(data.getClass())
                .orElseThrow(() -> new IllegalArgumentException(data.getClass() + " is not an event of EventType"));
        EventEnvelope<T> envelope = EventEnvelope.wrap(type, source, subject, data);
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.id();
        row.address = type.address();
        row.subject = subject;
        row.payload = codec.encode(envelope);
        row.createdAt = Instant.now();
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
