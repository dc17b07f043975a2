package io.leadhandoff.common.inbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.InvalidEventException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The consuming side of every event: decode and validate, then apply the effect and record the
 * event id in one transaction, so a redelivered event changes nothing.
 *
 * <p>Each queue has a lane: messages wait in a bounded buffer and one thread applies them in
 * arrival order, everything that has arrived so far in one transaction, and acknowledges them to
 * the broker only after the commit (a crash in between means redelivery, which the processed-event
 * table absorbs). If a batch fails, its messages are applied one by one, so one bad effect is
 * retried alone (nacked; the broker redelivers it and, after its attempts, moves it to DLA) and
 * never holds back the others. Poison messages go to {@link DeadLetters}.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EntityManager em;
    private final MeterRegistry registry;
    private final InboxConfig config;
    private final Map<EventType, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public Inbox(EventCodec codec, DeadLetters deadLetters, EntityManager em, MeterRegistry registry, InboxConfig config) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.em = em;
        this.registry = registry;
        this.config = config;
    }

    /**
     * Hands one message of a queue to its lane. Call it from a {@code @Blocking} {@code @Incoming}
     * method: it blocks while the lane's buffer is full (back-pressure on the broker's deliveries)
     * and returns at once otherwise; the message is acknowledged once its effect has committed.
     */
    public <T extends Record> CompletionStage<Void> consume(EventType type, Message<?> message,
            Consumer<EventEnvelope<T>> effect) {
        Lane lane = lanes.computeIfAbsent(type, Lane::new);
        try {
            lane.queue.put(new Pending<>(message, effect));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    void onStop(@Observes ShutdownEvent event) {
        // unacknowledged messages still buffered are redelivered by the broker after the connection closes
        // (a lane notices within a second; interrupting it mid-transaction would only add noise).
        // Clearing the buffers also frees a consumer thread blocked on a full one.
        stopping = true;
        lanes.values().forEach(lane -> lane.queue.clear());
    }

    /** A message and its effect; settled (acked or nacked) exactly once, by the lane's thread. */
    private static final class Pending<T extends Record> {

        final Message<?> message;
        final Consumer<EventEnvelope<T>> effect;
        private boolean settled;

        Pending(Message<?> message, Consumer<EventEnvelope<T>> effect) {
            this.message = message;
            this.effect = effect;
        }

        void ack() {
            if (!settled) {
                settled = true;
                message.ack();
            }
        }

        void nack(Throwable failure) {
            if (!settled) {
                settled = true;
                message.nack(failure);
            }
        }
    }

    private record Decoded<T extends Record>(Pending<T> pending, EventEnvelope<T> envelope) {

        void apply() {
            pending.effect.accept(envelope);
        }
    }

    /**
     * Records the events as processed by {@code consumer}, all in one statement, and returns the
     * ids that were new: the others (redeliveries, or repeats inside the batch) are duplicates.
     */
    private Set<UUID> claim(List<? extends Decoded<?>> decoded, String consumer) {
        UUID[] ids = decoded.stream().map(d -> d.envelope().id()).toArray(UUID[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into processed_event (event_id, consumer) select unnest(?), ?
                    on conflict do nothing returning event_id""")) {
                insert.setArray(1, connection.createArrayOf("uuid", ids));
                insert.setString(2, consumer);
                Set<UUID> fresh = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getObject(1, UUID.class));
                    }
                }
                return fresh;
            }
        });
    }

    private final class Lane implements Runnable {

        final EventType type;
        final BlockingQueue<Pending<?>> queue;
        final Thread thread;
        final DistributionSummary batchSizes;

        Lane(EventType type) {
            this.type = type;
            this.queue = new ArrayBlockingQueue<>(Math.max(1, config.batchSize()));
            this.batchSizes = DistributionSummary.builder("handoff.inbox.batch.size")
                    .description("Messages applied per transaction").tag("address", type.address()).register(registry);
            this.thread = new Thread(this, "inbox-" + type.address());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            List<Pending<?>> batch = new ArrayList<>();
            while (!stopping) {
                try {
                    Pending<?> first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, config.batchSize() - 1);
                    process(batch);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // never let the lane die: whatever was not settled is nacked and comes back
                    LOG.errorf(e, "Inbox lane %s failed a batch", type.address());
                    batch.forEach(p -> p.nack(e));
                } finally {
                    batch.clear();
                }
            }
        }

        private void process(List<Pending<?>> batch) {
            List<Decoded<?>> valid = new ArrayList<>(batch.size());
            for (Pending<?> pending : batch) {
                Decoded<?> decoded = decode(pending);
                if (decoded != null) {
                    valid.add(decoded);
                }
            }
            if (valid.isEmpty()) {
                return;
            }
            int applied;
            try {
                applied = QuarkusTransaction.requiringNew().call(() -> {
                    Set<UUID> fresh = claim(valid, type.address());
                    int n = 0;
                    for (Decoded<?> d : valid) {
                        // remove: an event repeated inside the batch is applied once
                        if (fresh.remove(d.envelope().id())) {
                            d.apply();
                            n++;
                        }
                    }
                    return n;
                });
            } catch (RuntimeException e) {
                if (valid.size() > 1) {
                    LOG.warnf("A batch of %d on %s failed (%s); applying them one by one", valid.size(), type.address(), e);
                }
                valid.forEach(this::processAlone);
                return;
            }
            batchSizes.record(valid.size());
            count("applied", applied);
            count("duplicate", valid.size() - applied);
            valid.forEach(d -> d.pending().ack());
        }

        private void processAlone(Decoded<?> d) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (claim(List.of(d), type.address()).isEmpty()) {
                        return false;
                    }
                    d.apply();
                    return true;
                });
                batchSizes.record(1);
                count(applied ? "applied" : "duplicate", 1);
                d.pending().ack();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Event %s on %s failed; the broker will redeliver it", d.envelope().id(), type.address());
                count("failed", 1);
                d.pending().nack(e);
            }
        }

        /** The envelope, or null when the message is poison and has been dead-lettered (and acked). */
        private <T extends Record> Decoded<T> decode(Pending<T> pending) {
            String body = EventCodec.text(pending.message.getPayload());
            try {
                return new Decoded<>(pending, codec.decode(body, type));
            } catch (InvalidEventException e) {
                try {
                    deadLetters.send(type.address(), body, e.getMessage());
                    pending.ack();
                } catch (RuntimeException failure) {
                    // the dead-letter address is unreachable: keep the message on its queue for later
                    pending.nack(failure);
                }
                return null;
            }
        }

        private void count(String outcome, int n) {
            if (n > 0) {
                registry.counter("handoff.messages.consumed", "address", type.address(), "outcome", outcome).increment(n);
            }
        }
    }
}
