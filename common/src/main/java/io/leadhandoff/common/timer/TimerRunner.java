package io.leadhandoff.common.timer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import io.leadhandoff.common.time.SqlTime;
import io.leadhandoff.common.tx.CoalescingWorker;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fires due timers once. Any number of replicas run one each: a batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never fire the same timer, and a replica that dies
 * mid-batch leaves its rows to the others when its transaction is rolled back. The effect (the
 * handler's work) and the timer's completion commit in one transaction.
 */
@ApplicationScoped
public class TimerRunner {

    private static final Logger LOG = Logger.getLogger(TimerRunner.class);

    private final EntityManager em;
    private final TimerConfig config;
    private final InstantSource clock;
    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private final Counter fired;
    private final Counter failed;
    /** Several per replica: each claims its own batches (SKIP LOCKED), so the database and the JVM work at once. */
    private final List<CoalescingWorker> workers = new ArrayList<>();
    private volatile boolean started;

    public TimerRunner(EntityManager em, TimerConfig config, InstantSource clock, Instance<TimerHandler> handlerBeans,
            MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        for (TimerHandler handler : handlerBeans) {
            TimerHandler before = handlers.putIfAbsent(handler.kind(), handler);
            if (before != null) {
                throw new IllegalStateException("Two timer handlers for kind " + handler.kind() + ": "
                        + before.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        for (int i = 0; i < Math.max(1, config.workers()); i++) {
            workers.add(new CoalescingWorker("timer-runner-" + i, () -> {
                try {
                    runDue();
                    armAlarm();
                } catch (RuntimeException e) {
                    LOG.warnf("Timer runner will retry: %s", e.toString());
                }
            }));
        }
        this.fired = Counter.builder("handoff.timers.fired").description("Timers fired").register(registry);
        this.failed = Counter.builder("handoff.timers.failed").description("Timer attempts whose effect failed")
                .register(registry);
    }

    /**
     * Wakes the runner when the next pending timer comes due, if that is before the next poll: a
     * timer fires its run's time after its due time, not up to a poll interval later. One alarm is
     * pending at a time, the earliest asked for.
     */
    private void armAlarm() {
        if (!started) {
            return;
        }
        Instant now = clock.instant();
        Object next = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select min(due_at) from timer where due_at > :now").setParameter("now", now)
                .getSingleResult());
        if (next == null) {
            return;
        }
        Duration in = Duration.between(now, SqlTime.instant(next));
        if (in.compareTo(config.pollInterval()) >= 0) {
            return;
        }
        // never sooner than a few milliseconds: a run that finds nothing due yet must not spin
        long at = System.nanoTime() + Math.max(in.toNanos(), MIN_ALARM.toNanos());
        long pending = alarmAt.get();
        if (pending != 0 && pending - at <= 0 && pending - System.nanoTime() > 0) {
            return;
        }
        alarmAt.set(at);
        try {
            alarm.schedule(() -> {
                alarmAt.compareAndSet(at, 0);
                wake();
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the service is shutting down: no more runs
        }
    }

    private static final Duration MIN_ALARM = Duration.ofMillis(5);
    private final java.util.concurrent.ScheduledExecutorService alarm = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timer-alarm");
        t.setDaemon(true);
        return t;
    });
    /** When the pending alarm rings ({@link System#nanoTime()}), 0 if none. */
    private final AtomicLong alarmAt = new AtomicLong();

    /** Asks for a run soon; calls coalesce while one is queued. */
    public void wake() {
        if (started) {
            workers.forEach(CoalescingWorker::wake);
        }
    }

    @Scheduled(every = "${handoff.timers.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOnSchedule() {
        purgeHistory();
    }

    /** Deletes finished timers older than the history retention; returns how many. */
    public int purgeHistory() {
        Instant cutoff = clock.instant().minus(config.historyRetention());
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("delete from timer_history where finished_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }

    /**
     * Fires what is due now, batch after batch, and returns how many timers fired. Safe to call
     * from several threads or replicas at once.
     */
    public int runDue() {
        int total = 0;
        while (true) {
            Batch batch;
            try {
                batch = QuarkusTransaction.requiringNew().call(this::fireBatch);
            } catch (RuntimeException e) {
                // one effect failed (or the database went away): fire this batch's timers one by one
                LOG.warnf("Timer batch rolled back (%s); firing its timers one by one", e.toString());
                batch = fireOneByOne(claimedIds());
            }
            total += batch.fired;
            if (batch.claimed < config.batchSize()) {
                return total;
            }
        }
    }

    private record Batch(int claimed, int fired) {
    }

    private record Claimed(long id, long seq, DueTimer timer) {
    }

    /** The ids of the last claimed batch (thread-local: a rolled-back claim leaves them to the fallback). */
    private final ThreadLocal<List<Long>> lastClaim = ThreadLocal.withInitial(List::of);

    private List<Long> claimedIds() {
        List<Long> ids = lastClaim.get();
        lastClaim.remove();
        return ids;
    }

    private Batch fireBatch() {
        Instant now = clock.instant();
        List<Claimed> claimed = claim(now, null);
        lastClaim.set(claimed.stream().map(Claimed::id).toList());
        int done = fire(claimed, now);
        lastClaim.remove();
        return new Batch(claimed.size(), done);
    }

    private Batch fireOneByOne(List<Long> ids) {
        int done = 0;
        for (long id : ids) {
            try {
                done += QuarkusTransaction.requiringNew().call(() -> {
                    Instant now = clock.instant();
                    return fire(claim(now, id), now);
                });
            } catch (RuntimeException e) {
                failed.increment();
                recordFailure(id, e);
            }
        }
        // after a full batch more may be due (the failing ones are now further out); stop if nothing moved
        return new Batch(done == 0 ? 0 : ids.size(), done);
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(Instant now, Long onlyId) {
        var query = em.createNativeQuery("""
                select id, seq, kind, timer_key, due_at, payload, attempts from timer
                where due_at <= :now""" + (onlyId == null ? "" : " and id = :id")
                + " order by due_at, id limit :n for update skip locked")
                .setParameter("now", now).setParameter("n", config.batchSize());
        if (onlyId != null) {
            query.setParameter("id", onlyId);
        }
        List<Object[]> rows = query.getResultList();
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            claimed.add(new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    new DueTimer((String) r[2], (String) r[3], SqlTime.instant(r[4]), (String) r[5], ((Number) r[6]).intValue())));
        }
        return claimed;
    }

    /** Applies the handlers' effects and completes the timers, in the caller's transaction; returns how many fired. */
    private int fire(List<Claimed> claimed, Instant now) {
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, List<DueTimer>> byKind = new LinkedHashMap<>();
        List<Long> complete = new ArrayList<>(claimed.size());
        long maxSeq = 0;
        for (Claimed c : claimed) {
            if (!handlers.containsKey(c.timer().kind())) {
                // a newer release's timer during a rolling deploy: leave it to a replica that knows it
                LOG.warnf("No handler for timer kind %s (key %s); retried later", c.timer().kind(), c.timer().key());
                postpone(c.id(), c.timer().attempts(), "no handler for kind " + c.timer().kind(), now);
                continue;
            }
            byKind.computeIfAbsent(c.timer().kind(), k -> new ArrayList<>()).add(c.timer());
            complete.add(c.id());
            maxSeq = Math.max(maxSeq, c.seq());
        }
        byKind.forEach((kind, due) -> handlers.get(kind).fire(due));
        if (complete.isEmpty()) {
            return 0;
        }
        // a timer its handler rescheduled has a newer seq and stays pending
        em.createNativeQuery("""
                with done as (delete from timer where id in (:ids) and seq <= :maxSeq
                              returning id, kind, timer_key, due_at, attempts)
                insert into timer_history (id, kind, timer_key, due_at, outcome, attempts, finished_at)
                select id, kind, timer_key, due_at, 'FIRED', attempts, :now from done
                on conflict (id) do nothing""")
                .setParameter("ids", complete).setParameter("maxSeq", maxSeq).setParameter("now", now)
                .executeUpdate();
        fired.increment(complete.size());
        return complete.size();
    }

    private void recordFailure(long id, RuntimeException e) {
        LOG.warnf("Timer %d failed, retried with backoff: %s", id, e.toString());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<?> attempts = em.createNativeQuery("select attempts from timer where id = :id")
                        .setParameter("id", id).getResultList();
                if (!attempts.isEmpty()) {
                    postpone(id, ((Number) attempts.get(0)).intValue(), String.valueOf(e), clock.instant());
                }
            });
        } catch (RuntimeException again) {
            // the database is away: the timer stays due and the next poll tries again
            LOG.debugf("Could not record the failure of timer %d: %s", id, again.toString());
        }
    }

    private void postpone(long id, int attempts, String error, Instant now) {
        em.createNativeQuery("update timer set attempts = attempts + 1, last_error = :error, due_at = :retry where id = :id")
                .setParameter("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter("retry", now.plus(backoff(attempts))).setParameter("id", id).executeUpdate();
    }

    Duration backoff(int attempts) {
        Duration max = config.retryMax();
        Duration wait = config.retryInitial().multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        alarm.shutdownNow();
        workers.forEach(w -> w.stop(Duration.ofSeconds(10)));
    }
}
