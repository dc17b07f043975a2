package io.leadhandoff.common.inbox;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventCodec.Decoded;
import io.leadhandoff.common.event.EventCodec.NotUnderstood;
import io.leadhandoff.common.event.EventCodec.Understood;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.InvalidEventException;
import io.leadhandoff.common.messaging.EventStream;
import io.leadhandoff.common.time.SqlTime;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The consuming side of the event stream: decode, dispatch to the service's {@link EventHandlers}
 * by type, and record the event id in the transaction of the effect, so a redelivered event
 * changes nothing. Duplicates are recognised per consuming queue.
 *
 * <p>The service's queue has one lane: messages wait in a bounded buffer and one thread applies
 * them in arrival order, everything that has arrived so far in one transaction, and acknowledges
 * them only after the commit (a crash in between means redelivery, which the processed-event
 * table absorbs).
 *
 * <p>Order per lead survives failures. When an effect fails, or an event is newer than this code
 * (unknown type, newer major schema version), the event is <em>parked</em>: stored in
 * {@code inbox_parked} in the service's own database and acknowledged. From then on every later
 * event of the same lead (the envelope's {@code subject}) is parked behind it, while other leads go
 * on. Parked events are retried in order with backoff, and all at once when the service starts (a
 * newer release may understand what an older one parked during a rolling deploy). Poison
 * (unparseable, invalid) goes to {@link DeadLetters}. If the database itself is unreachable,
 * nothing is acknowledged and the lane retries the same messages with backoff.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EntityManager em;
    private final MeterRegistry registry;
    private final InboxConfig config;
    private final InstantSource clock;
    private final String service;
    private final String queueName;
    private final Map<EventType, List<Consumer<InboundEvent<?>>>> handlers = new EnumMap<>(EventType.class);
    private final AtomicLong parkedCount = new AtomicLong();
    private volatile Lane lane;
    private volatile boolean stopping;

    public Inbox(EventCodec codec, DeadLetters deadLetters, EntityManager em, MeterRegistry registry, InboxConfig config,
            InstantSource clock, Instance<EventHandlers> handlerBeans,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.em = em;
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        this.service = service;
        this.queueName = EventStream.queueOf(service);
        EventHandlers.Registrations registrations = new EventHandlers.Registrations() {
            @Override
            @SuppressWarnings({ "unchecked", "rawtypes" })
            public <T extends Record> EventHandlers.Registrations event(Class<T> dataClass,
                    Consumer<InboundEvent<T>> handler) {
                EventType type = EventType.ofDataClass(dataClass)
                        .orElseThrow(() -> new IllegalStateException(dataClass + " is not in the event registry"));
                handlers.computeIfAbsent(type, t -> new ArrayList<>()).add((Consumer) handler);
                return this;
            }
        };
        handlerBeans.forEach(h -> h.register(registrations));
        registry.gauge("handoff.inbox.parked", List.of(io.micrometer.core.instrument.Tag.of("queue", queueName)),
                parkedCount);
    }

    /** The types with handlers must be exactly those the registry routes to this service's queue. */
    void onStart(@Observes StartupEvent event) {
        Set<EventType> expected = new HashSet<>(EventType.consumedBy(service));
        if (!expected.equals(handlers.keySet())) {
            throw new IllegalStateException("Event handlers of " + service + " cover " + handlers.keySet()
                    + " but the event registry routes " + expected + " to it: register a handler per consumed type"
                    + " and list the service as a consumer in EventType");
        }
        // the channel's address is configuration (common's defaults); it must name this service's queue
        String configured = ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming." + EventStream.CHANNEL + ".address", String.class).orElse("");
        String expectedAddress = EventStream.ADDRESS + "::" + queueName;
        if (!configured.equals(expectedAddress)) {
            throw new IllegalStateException("Channel " + EventStream.CHANNEL + " reads '" + configured + "' but "
                    + service + "'s queue is '" + expectedAddress + "'");
        }
        // at once, not on the first message: parked events are retried even when no traffic comes
        lane();
    }

    /** The service's queue: processed-event ids and parked events are keyed by it. */
    public String queueName() {
        return queueName;
    }

    /**
     * Hands one message to the lane. Called from the blocking {@code @Incoming} method: it blocks
     * while the lane's buffer is full (back-pressure on the broker's deliveries) and returns at
     * once otherwise; the message is acknowledged once its effect (or its parking) has committed.
     */
    public CompletionStage<Void> consume(Message<?> message) {
        try {
            lane().buffer.put(new Pending(message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    private Lane lane() {
        Lane current = lane;
        if (current == null) {
            synchronized (this) {
                if (lane == null) {
                    lane = new Lane();
                }
                current = lane;
            }
        }
        return current;
    }

    /**
     * Makes every parked event of this queue due now, so the lane retries them within a second, in
     * order. Runs when the service starts (a newer release may understand what an older one
     * parked); an operator who fixed the cause of a failure can run it too.
     *
     * @return how many parked events there are
     */
    public int replayParked() {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("update inbox_parked set next_attempt_at = :now where queue = :queue")
                .setParameter("now", clock.instant()).setParameter("queue", queueName).executeUpdate());
    }

    void onStop(@Observes ShutdownEvent event) {
        // unacknowledged messages still buffered are redelivered by the broker after the connection
        // closes; clearing the buffer also frees a consumer thread blocked on a full one
        stopping = true;
        Lane current = lane;
        if (current != null) {
            current.buffer.clear();
        }
    }

    /** Forgets processed-event ids older than the retention: redeliveries come within minutes, not weeks. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeProcessed() {
        purgeProcessedBefore(clock.instant().minus(config.retention()));
    }

    /** Deletes processed-event ids recorded before {@code cutoff}; returns how many. */
    public int purgeProcessedBefore(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("delete from processed_event where processed_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }

    /** A message from the broker; settled (acked) once, by the lane's thread. */
    private static final class Pending {

        final Message<?> message;
        boolean settled;

        Pending(Message<?> message) {
            this.message = message;
        }

        void ack() {
            if (!settled) {
                settled = true;
                message.ack();
            }
        }
    }

    /** A decoded message; {@code pending} is null for a parked event being retried. */
    private record Item(Pending pending, String body, Decoded decoded) {

        UUID id() {
            return decoded.header().id();
        }

        String subject() {
            String s = decoded.header().subject();
            return s == null ? "" : s;
        }

        void ack() {
            if (pending != null) {
                pending.ack();
            }
        }
    }

    private record Outcome(int applied, int duplicates, int parked) {
    }

    private final class Lane implements Runnable {

        final BlockingQueue<Pending> buffer = new ArrayBlockingQueue<>(Math.max(1, config.batchSize()));
        final DistributionSummary batchSizes = DistributionSummary.builder("handoff.inbox.batch.size")
                .description("Messages applied per transaction").tag("queue", queueName).register(registry);
        /** Monotonic, not business time: how often the lane looks for parked events that are due. */
        long nextParkedCheck = System.nanoTime();

        Lane() {
            Thread thread = new Thread(this, "inbox-" + queueName);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            rescheduleParked();
            List<Pending> batch = new ArrayList<>();
            while (!stopping) {
                try {
                    Pending first = buffer.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        batch.add(first);
                        buffer.drainTo(batch, config.batchSize() - 1);
                        settle(batch);
                    }
                    retryParkedIfDue();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // never let the lane die; parked rows are retried on the next check
                    LOG.errorf(e, "Inbox %s: retrying parked events failed", queueName);
                } finally {
                    batch.clear();
                }
            }
        }

        /** New code may understand what older code parked: make every parked event due now. */
        private void rescheduleParked() {
            try {
                replayParked();
            } catch (RuntimeException e) {
                LOG.warnf("Inbox %s could not reschedule parked events yet: %s", queueName, e.toString());
            }
        }

        /** Settles every message of the batch, retrying with backoff while the database is unreachable. */
        private void settle(List<Pending> batch) throws InterruptedException {
            Duration backoff = config.retryInitial();
            while (!stopping) {
                List<Pending> open = batch.stream().filter(p -> !p.settled).toList();
                if (open.isEmpty()) {
                    return;
                }
                try {
                    attempt(open);
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("Inbox %s cannot settle %d messages, retrying in %s: %s", queueName, open.size(), backoff,
                            e.toString());
                    Thread.sleep(backoff.toMillis());
                    backoff = min(backoff.multipliedBy(2), config.retryMax());
                }
            }
            // stopping: what is unsettled is redelivered by the broker once the connection closes
        }

        private void attempt(List<Pending> open) {
            List<Item> items = new ArrayList<>(open.size());
            for (Pending pending : open) {
                String body = EventCodec.text(pending.message.getPayload());
                try {
                    items.add(new Item(pending, body, codec.decode(body)));
                } catch (InvalidEventException e) {
                    // poison: it can never be applied; throws (and is retried) if the broker is away
                    deadLetters.send(queueName, body, e.getMessage());
                    pending.ack();
                }
            }
            if (items.isEmpty()) {
                return;
            }
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> applyInOrder(items, null));
                batchSizes.record(items.size());
                count(outcome);
                items.forEach(Item::ack);
            } catch (RuntimeException e) {
                if (items.size() > 1) {
                    LOG.warnf("A batch of %d on %s failed (%s); applying them one by one", items.size(), queueName,
                            e.toString());
                }
                items.forEach(this::applyAlone);
            }
        }

        /** One message in its own transaction; if its effect fails it is parked (holding back its lead). */
        private void applyAlone(Item item) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> applyInOrder(List.of(item), null));
                batchSizes.record(1);
                count(outcome);
            } catch (RuntimeException failure) {
                LOG.warnf(failure, "Event %s (%s) on %s failed: parked, later events of %s wait behind it",
                        item.id(), item.decoded().header().type(), queueName, item.subject());
                // if the database is down this throws too, and the batch is retried as a whole
                QuarkusTransaction.requiringNew().run(() -> park(List.of(item), List.of(reasonOf(failure))));
                // counted once, as failed (and parked)
                count("failed", 1);
            }
            item.ack();
        }

        /**
         * Applies the items in order in the current transaction: those of a lead with parked events
         * (or not understood by this code) are parked, the others claimed in one statement and
         * dispatched, each fresh one once.
         */
        private Outcome applyInOrder(List<Item> items, Set<String> alreadyHeld) {
            Set<String> held = alreadyHeld != null ? alreadyHeld
                    : heldSubjects(items.stream().map(Item::subject).collect(java.util.stream.Collectors.toSet()));
            List<Item> toApply = new ArrayList<>(items.size());
            List<Item> toPark = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (Item item : items) {
                if (held.contains(item.subject())) {
                    toPark.add(item);
                    reasons.add("waits behind an earlier parked event of " + item.subject());
                } else if (item.decoded() instanceof NotUnderstood n) {
                    toPark.add(item);
                    reasons.add(n.reason());
                    held.add(item.subject());
                } else {
                    toApply.add(item);
                }
            }
            Set<UUID> fresh = toApply.isEmpty() ? Set.of() : claim(toApply.stream().map(Item::id).toList());
            int applied = 0;
            for (Item item : toApply) {
                // remove: an event repeated inside the batch is applied once
                if (fresh.remove(item.id())) {
                    dispatch((Understood) item.decoded(), item.body());
                    applied++;
                }
            }
            if (!toPark.isEmpty()) {
                park(toPark, reasons);
            }
            return new Outcome(applied, toApply.size() - applied, toPark.size());
        }

        private void dispatch(Understood understood, String body) {
            List<Consumer<InboundEvent<?>>> of = handlers.get(understood.eventType());
            if (of == null) {
                return; // a type this service does not handle (an older queue filter let it through)
            }
            @SuppressWarnings({ "unchecked", "rawtypes" })
            InboundEvent<?> event = new InboundEvent(understood.envelope(), body);
            for (Consumer<InboundEvent<?>> handler : of) {
                handler.accept(event);
            }
        }

        private void retryParkedIfDue() {
            if (System.nanoTime() - nextParkedCheck < 0) {
                return;
            }
            nextParkedCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<String> due = QuarkusTransaction.requiringNew().call(() -> {
                parkedCount.set(((Number) em.createNativeQuery("select count(*) from inbox_parked where queue = :queue")
                        .setParameter("queue", queueName).getSingleResult()).longValue());
                return em.createNativeQuery("""
                        select subject from (select distinct on (subject) subject, next_attempt_at from inbox_parked
                                             where queue = :queue order by subject, seq) head
                        where next_attempt_at <= :now limit 100""")
                        .setParameter("queue", queueName).setParameter("now", now).getResultList();
            });
            for (String subject : due) {
                retrySubject(subject);
            }
        }

        /** Applies the parked events of one lead in order until one still fails (or none is left). */
        private void retrySubject(String subject) {
            while (!stopping) {
                long[] head = { -1 };
                int[] attempts = { 0 };
                boolean more;
                try {
                    more = QuarkusTransaction.requiringNew().call(() -> {
                        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:key))")
                                .setParameter("key", queueName + "/" + subject).getSingleResult();
                        if (!mine) {
                            return false; // another replica is on it
                        }
                        @SuppressWarnings("unchecked")
                        List<Object[]> rows = em.createNativeQuery("""
                                select seq, body, attempts from inbox_parked where queue = :queue and subject = :subject
                                order by seq limit 1""")
                                .setParameter("queue", queueName).setParameter("subject", subject).getResultList();
                        if (rows.isEmpty()) {
                            return false;
                        }
                        head[0] = ((Number) rows.get(0)[0]).longValue();
                        attempts[0] = ((Number) rows.get(0)[2]).intValue();
                        String body = (String) rows.get(0)[1];
                        Decoded decoded;
                        try {
                            decoded = codec.decode(body);
                        } catch (InvalidEventException e) {
                            deadLetters.send(queueName, body, e.getMessage());
                            deleteParked(head[0]);
                            return true;
                        }
                        if (decoded instanceof NotUnderstood n) {
                            throw new IllegalStateException(n.reason());
                        }
                        Outcome outcome = applyInOrder(List.of(new Item(null, body, decoded)), new HashSet<>());
                        deleteParked(head[0]);
                        registry.counter("handoff.messages.consumed", "queue", queueName, "outcome",
                                outcome.applied() > 0 ? "applied" : "duplicate").increment();
                        return true;
                    });
                } catch (RuntimeException failure) {
                    if (head[0] >= 0) {
                        Duration wait = backoff(attempts[0] + 1);
                        LOG.warnf("Parked event %d of %s on %s failed again (attempt %d), next try in %s: %s", head[0],
                                subject, queueName, attempts[0] + 1, wait, failure.toString());
                        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                                update inbox_parked set attempts = attempts + 1, reason = :reason, next_attempt_at = :next
                                where seq = :seq""")
                                .setParameter("reason", reasonOf(failure))
                                .setParameter("next", clock.instant().plus(wait))
                                .setParameter("seq", head[0]).executeUpdate());
                    } else {
                        LOG.warnf("Parked events of %s on %s could not be read: %s", subject, queueName, failure.toString());
                    }
                    return;
                }
                if (!more) {
                    return;
                }
            }
        }

        private void deleteParked(long seq) {
            em.createNativeQuery("delete from inbox_parked where seq = :seq").setParameter("seq", seq).executeUpdate();
        }

        private void count(Outcome outcome) {
            count("applied", outcome.applied());
            count("duplicate", outcome.duplicates());
            count("parked", outcome.parked());
        }

        private void count(String outcome, int n) {
            if (n > 0) {
                registry.counter("handoff.messages.consumed", "queue", queueName, "outcome", outcome).increment(n);
            }
        }
    }

    /** The subjects among {@code subjects} that have parked events on this queue (one statement). */
    private Set<String> heldSubjects(Set<String> subjects) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select distinct subject from inbox_parked where queue = ? and subject = any(?)")) {
                select.setString(1, queueName);
                select.setArray(2, connection.createArrayOf("varchar", subjects.toArray()));
                Set<String> held = new LinkedHashSet<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
                return held;
            }
        });
    }

    /**
     * Records the events as processed by this queue, all in one statement, and returns the ids that
     * were new: the others (redeliveries, or repeats inside the batch) are duplicates.
     */
    private Set<UUID> claim(List<UUID> ids) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into processed_event (event_id, consumer, processed_at) select unnest(?), ?, ?
                    on conflict do nothing returning event_id""")) {
                insert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                insert.setString(2, queueName);
                insert.setObject(3, java.sql.Timestamp.from(clock.instant()));
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

    /** Stores events in order, each with its reason, in one statement; a repeat of a parked event is ignored. */
    private void park(List<Item> items, List<String> reasons) {
        Instant now = clock.instant();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox_parked (queue, event_id, subject, type, body, reason, parked_at, next_attempt_at)
                    select ?, e.id, e.subject, e.type, e.body, e.reason, ?, ?
                    from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::text[])
                         with ordinality as e(id, subject, type, body, reason, n)
                    order by e.n
                    on conflict (queue, event_id) do nothing""")) {
                insert.setString(1, queueName);
                insert.setObject(2, java.sql.Timestamp.from(now));
                insert.setObject(3, java.sql.Timestamp.from(now.plus(config.retryInitial())));
                insert.setArray(4, connection.createArrayOf("uuid", items.stream().map(Item::id).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", items.stream().map(Item::subject).toArray()));
                insert.setArray(6, connection.createArrayOf("varchar",
                        items.stream().map(i -> i.decoded().header().type()).toArray()));
                insert.setArray(7, connection.createArrayOf("text", items.stream().map(Item::body).toArray()));
                insert.setArray(8, connection.createArrayOf("text", reasons.toArray()));
                insert.executeUpdate();
            }
        });
        parkedCount.addAndGet(items.size());
    }

    private Duration backoff(int attempts) {
        Duration wait = config.retryInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, config.retryMax());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String reasonOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        return reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    }

    /** For tests and operators: the parked events of this service's queue, oldest first. */
    public List<ParkedEvent> parked() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select event_id, subject, type, reason, attempts, parked_at, next_attempt_at from inbox_parked
                where queue = :queue order by seq""").setParameter("queue", queueName).getResultList());
        return rows.stream().map(r -> new ParkedEvent((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), SqlTime.instant(r[5]), SqlTime.instant(r[6]))).toList();
    }

    /** An event held back on this queue, with why and when it is retried. */
    public record ParkedEvent(UUID eventId, String subject, String type, String reason, int attempts, Instant parkedAt,
            Instant nextAttemptAt) {
    }
}
