package io.leadhandoff.common.outbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.messaging.EventStream;
import io.leadhandoff.common.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.InstantSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records events in the caller's transaction; the {@link OutboxRelay} publishes them after commit. */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_KEY = Outbox.class.getName() + ".wake";

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
        AfterCommit.once(transactions, WAKE_KEY, relay::wake);
        return envelope;
    }
}
