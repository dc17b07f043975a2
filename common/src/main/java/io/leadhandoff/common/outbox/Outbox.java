package io.leadhandoff.common.outbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.messaging.EventStream;
import io.leadhandoff.common.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
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
    private final EntityManager em;

    public Outbox(EntityManager em, EventCodec codec, OutboxRelay relay, TransactionSynchronizationRegistry transactions,
            InstantSource clock, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.em = em;
        this.codec = codec;
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
        this.source = source;
    }

    /** An event about a subject (a lead id: it orders the stream), to publish with {@link #publishAll}. */
    public record Pending(String subject, Record data) {
    }

    /**
     * Adds an event about {@code subject} (a lead id: it orders the stream) to the current
     * transaction, dated now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends Record> EventEnvelope<T> publish(String subject, T data) {
        @SuppressWarnings("unchecked")
        EventEnvelope<T> envelope = (EventEnvelope<T>) publishAll(List.of(new Pending(subject, data))).get(0);
        return envelope;
    }

    /**
     * Adds events to the current transaction in one statement (a batch of leads may emit hundreds),
     * in the order given: that order is the order they are published in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EventEnvelope<? extends Record>> publishAll(List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        int n = events.size();
        List<EventEnvelope<? extends Record>> envelopes = new ArrayList<>(n);
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Pending e = events.get(i);
            EventEnvelope<? extends Record> envelope = EventEnvelope.of(source, e.subject(), e.data(), now);
            envelopes.add(envelope);
            ids[i] = envelope.id();
            types[i] = envelope.type();
            subjects[i] = e.subject();
            payloads[i] = codec.encode(envelope);
        }
        em.unwrap(Session.class).doWork(connection -> {
            // WITH ORDINALITY and ORDER BY: seq follows the list's order
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (id, address, type, subject, payload, created_at)
                    select id, ?, type, subject, payload, ? from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[])
                        with ordinality as e(id, type, subject, payload, ord)
                    order by ord""")) {
                insert.setString(1, EventStream.ADDRESS);
                insert.setObject(2, now.atOffset(ZoneOffset.UTC));
                insert.setArray(3, connection.createArrayOf("uuid", ids));
                insert.setArray(4, connection.createArrayOf("varchar", types));
                insert.setArray(5, connection.createArrayOf("varchar", subjects));
                insert.setArray(6, connection.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
        // Publish right after commit for speed to lead; the relay's poll is the safety net.
        AfterCommit.once(transactions, WAKE_KEY, relay::wake);
        return envelopes;
    }
}
