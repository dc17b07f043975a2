package io.leadhandoff.common.outbox;

import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.messaging.EventStream;
import io.leadhandoff.common.messaging.SettledSend;
import io.leadhandoff.common.tx.CoalescingWorker;
import io.vertx.core.json.JsonObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows in order, in batches, and marks them published once the broker
 * has settled them. At-least-once: a crash after publishing but before marking re-publishes the
 * batch, and consumers drop the duplicates by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: one relay per database at a time keeps events in commit order across replicas. */
    private static final long LOCK_KEY = 0x6f7574626f78L;

    private final Emitter<String> emitter;
    private final EntityManager em;
    private final OutboxConfig config;
    private final InstantSource clock;
    private final Counter published;
    private final CoalescingWorker worker = new CoalescingWorker("outbox-relay", this::drain);
    /** The scheduler may fire before messaging is wired; nothing is published until the application has started. */
    private volatile boolean started;

    public OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            EntityManager em, OutboxConfig config, MeterRegistry registry, InstantSource clock) {
        this.emitter = emitter;
        this.clock = clock;
        this.em = em;
        this.config = config;
        this.published = Counter.builder("handoff.outbox.published").description("Events published from the outbox")
                .register(registry);
    }

    /** Asks for a drain soon; calls coalesce while one is queued. */
    public void wake() {
        if (started) {
            worker.wake();
        }
    }

    @Scheduled(every = "${handoff.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purgePublished();
    }

    /** Deletes published rows older than the retention; returns how many. */
    public int purgePublished() {
        Instant cutoff = clock.instant().minus(config.retention());
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("delete from outbox_event where published_at is not null and published_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }

    void drain() {
        try {
            int n;
            do {
                n = publishBatch();
            } while (n == config.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay will retry: %s", e.toString());
        }
    }

    /** Publishes one batch; returns how many rows it published (0 when another relay holds the lock). */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) config.sendTimeout().toSeconds() + 30).call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", LOCK_KEY).getSingleResult();
            if (!locked) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "select seq, id, address, type, subject, payload from outbox_event where published_at is null order by seq limit :n")
                    .setParameter("n", config.batchSize()).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> settled = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                settled.add(send((UUID) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5]));
            }
            List<Long> done = new ArrayList<>(rows.size());
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    settled.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    done.add(((Number) rows.get(i)[0]).longValue());
                } catch (Exception e) {
                    // Keep order: stop at the first unsettled row, the rest goes in the next batch.
                    LOG.warnf("Outbox event %s not settled by the broker yet: %s", rows.get(i)[1], e.toString());
                    break;
                }
            }
            if (!done.isEmpty()) {
                em.createNativeQuery("update outbox_event set published_at = :now where seq in (:seqs)")
                        .setParameter("now", clock.instant()).setParameter("seqs", done).executeUpdate();
                published.increment(done.size());
            }
            return done.size() == rows.size() ? done.size() : -1;
        });
    }

    private CompletableFuture<Void> send(UUID id, String address, String type, String subject, String payload) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withAddress(address)
                .withMessageId(id.toString())
                // the lead id: keeps a lead's events on one consumer of a queue, in order
                .withGroupId(subject)
                .withApplicationProperties(new JsonObject().put(EventStream.TYPE_PROPERTY, type))
                .withDurable(true)
                .withContentType(EventEnvelope.CONTENT_TYPE)
                .build();
        return SettledSend.send(emitter, payload, amqp);
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        worker.stop(config.sendTimeout());
    }
}
