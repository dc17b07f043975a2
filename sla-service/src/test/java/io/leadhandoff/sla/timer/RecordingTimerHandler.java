package io.leadhandoff.sla.timer;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.common.timer.Timers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A timer effect a test can see: a row in timer_test_effect per firing, written in the runner's
 * transaction (so a rolled-back batch leaves none). Tests make keys fail, reschedule themselves,
 * or hold the first batch open.
 */
@Singleton
public class RecordingTimerHandler implements TimerHandler {

    static final String KIND = "test.effect";

    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Set<String> rescheduling = ConcurrentHashMap.newKeySet();
    /** Set by a test: the next batch records its database backend, says so, and waits for {@code release}. */
    final AtomicReference<CountDownLatch> holdNextBatch = new AtomicReference<>();
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger heldBackend = new AtomicInteger();
    /** The keys of the held batch (several runner threads claim batches of different sizes). */
    final List<String> heldKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final EntityManager em;
    private final Timers timers;

    public RecordingTimerHandler(EntityManager em, Timers timers) {
        this.em = em;
        this.timers = timers;
    }

    /** The table the effects go to, created once per test database. */
    static void createTable(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                create table if not exists timer_test_effect (timer_key varchar(300), payload text, attempts int)""")
                .executeUpdate());
    }

    /** How many effects were recorded for keys starting with {@code prefix}. */
    static long effects(EntityManager em, String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from timer_test_effect where timer_key like :p")
                .setParameter("p", prefix + "%").getSingleResult()).longValue());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(List<DueTimer> due) {
        if (holdNextBatch.getAndSet(null) != null) {
            heldBackend.set(((Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue());
            due.forEach(t -> heldKeys.add(t.key()));
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (DueTimer t : due) {
            if (failing.contains(t.key())) {
                throw new IllegalStateException("effect of " + t.key() + " refused");
            }
            em.createNativeQuery("insert into timer_test_effect (timer_key, payload, attempts) values (:k, :p, :a)")
                    .setParameter("k", t.key()).setParameter("p", t.payload()).setParameter("a", t.attempts())
                    .executeUpdate();
            if (rescheduling.remove(t.key())) {
                timers.schedule(KIND, t.key(), t.dueAt().plus(Duration.ofHours(1)), "second round");
            }
        }
    }
}
