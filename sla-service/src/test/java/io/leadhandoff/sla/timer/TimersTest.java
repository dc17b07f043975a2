package io.leadhandoff.sla.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.timer.TimerRequest;
import io.leadhandoff.common.timer.TimerRunner;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * common's durable timers over real PostgreSQL: due and not before, moved and cancelled, fired
 * once by competing runners and after a runner dies mid-batch, a failing effect retried alone.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TimersTest {

    static final String KIND = RecordingTimerHandler.KIND;

    @Inject
    Timers timers;

    @Inject
    TimerRunner runner;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @Inject
    RecordingTimerHandler handler;

    @BeforeEach
    void table() {
        RecordingTimerHandler.createTable(em);
    }

    @AfterEach
    void reset() {
        clock.reset();
        handler.failing.clear();
        handler.rescheduling.clear();
    }

    String prefix() {
        return UUID.randomUUID() + "/";
    }

    void schedule(String key, Instant due, String payload) {
        QuarkusTransaction.requiringNew().run(() -> timers.schedule(KIND, key, due, payload));
    }

    /** {@code n} timers keyed {@code prefix + i}, all due, in one transaction (one statement). */
    void scheduleDueNow(String prefix, int n) {
        Instant now = clock.instant();
        List<TimerRequest> many = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            many.add(new TimerRequest(KIND, prefix + i, now.minusMillis(i), null));
        }
        QuarkusTransaction.requiringNew().run(() -> timers.scheduleAll(many));
    }

    long effects(String prefix) {
        return RecordingTimerHandler.effects(em, prefix);
    }

    long distinctEffects(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(distinct timer_key) from timer_test_effect where timer_key like :p")
                .setParameter("p", prefix + "%").getSingleResult()).longValue());
    }

    List<?> history(String key) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select outcome from timer_history where timer_key = :k order by finished_at")
                .setParameter("k", key).getResultList());
    }

    @Test
    void aTimerFiresWhenDueNotBeforeAndOnlyOnce() {
        String key = prefix() + "one";
        Instant due = clock.instant().plus(Duration.ofMinutes(10));
        schedule(key, due, "hello");
        runner.runDue();
        assertEquals(0, effects(key));
        assertEquals(due.getEpochSecond(),
                QuarkusTransaction.requiringNew().call(() -> timers.dueAt(KIND, key)).orElseThrow().getEpochSecond());

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(key) == 1);
        runner.runDue();
        runner.runDue();
        assertEquals(1, effects(key));
        assertEquals(List.of("FIRED"), history(key));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt(KIND, key)).isEmpty(),
                "a fired timer leaves the pending table");
        assertEquals("hello", QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select payload from timer_test_effect where timer_key = :k").setParameter("k", key)
                .getSingleResult()));
    }

    @Test
    void aMovedTimerFiresAtItsNewTimeAndACancelledOneNever() {
        String p = prefix();
        Instant now = clock.instant();
        schedule(p + "moved", now.plus(Duration.ofMinutes(5)), "first");
        schedule(p + "moved", now.plus(Duration.ofMinutes(20)), "second");
        schedule(p + "cancelled", now.plus(Duration.ofMinutes(5)), null);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.cancel(KIND, p + "cancelled")));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> timers.cancel(KIND, p + "cancelled")),
                "nothing left to cancel");

        clock.advance(Duration.ofMinutes(10));
        runner.runDue();
        assertEquals(0, effects(p));
        clock.advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(p) == 1);
        runner.runDue();
        assertEquals(1, effects(p));
        assertEquals("second", QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select payload from timer_test_effect where timer_key = :k")
                .setParameter("k", p + "moved").getSingleResult()));
        assertEquals(List.of("CANCELLED"), history(p + "cancelled"));
    }

    @Test
    void competingRunnersFireEachTimerOnce() throws Exception {
        String p = prefix();
        scheduleDueNow(p, 1500);
        // the service's own runner (woken by the commit) and three more race for the same rows
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return runner.runDue();
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(p) >= 1500);
        runner.runDue();
        assertEquals(1500, effects(p), "every timer fired once, none twice");
        assertEquals(1500, distinctEffects(p));
    }

    @Test
    void aRunnerKilledMidBatchLeavesItsTimersToTheOthersAndNothingFiresTwice() throws Exception {
        String p = prefix();
        handler.holdNextBatch.set(new CountDownLatch(1));
        scheduleDueNow(p, 300);
        // one of the service's runner threads claims a batch and is held inside its transaction
        assertTrue(handler.held.await(20, java.util.concurrent.TimeUnit.SECONDS));
        int held = (int) handler.heldKeys.stream().filter(k -> k.startsWith(p)).count();
        assertTrue(held > 0 && held < 300, "a batch is held: " + held);
        // another runner (this call, or another thread of the service's) skips the locked batch and fires the rest
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            runner.runDue();
            return effects(p) == 300 - held;
        });
        assertEquals(300 - held, effects(p), "the held batch has not fired");

        // kill the first runner's database session mid-batch, as a crashed replica would leave it
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("select pg_terminate_backend(:pid)")
                .setParameter("pid", handler.heldBackend.get()).getSingleResult());
        handler.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            runner.runDue();
            return effects(p) >= 300;
        });
        assertEquals(300, effects(p), "the killed batch fired once, by someone else");
        assertEquals(300, distinctEffects(p));
    }

    @Test
    void aFailingEffectIsRetriedWithBackoffWhileTheRestOfItsBatchFires() {
        String p = prefix();
        Instant now = clock.instant();
        handler.failing.add(p + "bad");
        QuarkusTransaction.requiringNew().run(() -> timers.scheduleAll(List.of(
                TimerRequest.of(KIND, p + "good-1", now), TimerRequest.of(KIND, p + "bad", now),
                TimerRequest.of(KIND, p + "good-2", now))));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            runner.runDue();
            return effects(p) == 2;
        });
        Object[] bad = QuarkusTransaction.requiringNew().call(() -> (Object[]) em
                .createNativeQuery("select attempts, last_error from timer where kind = :k and timer_key = :key")
                .setParameter("k", KIND).setParameter("key", p + "bad").getSingleResult());
        assertTrue(((Number) bad[0]).intValue() >= 1);
        assertTrue(((String) bad[1]).contains("refused"), (String) bad[1]);

        handler.failing.clear();
        clock.advance(Duration.ofMinutes(10)); // past any backoff
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            runner.runDue();
            return effects(p) == 3;
        });
        assertTrue(QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select attempts from timer_test_effect where timer_key = :k")
                .setParameter("k", p + "bad").getSingleResult()).intValue()) >= 1, "the handler sees earlier attempts");
    }

    @Test
    void aHandlerThatReschedulesItsOwnTimerKeepsIt() {
        String key = prefix() + "again";
        handler.rescheduling.add(key);
        Instant due = clock.instant();
        schedule(key, due, "first round");
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(key) == 1);
        assertEquals(due.plus(Duration.ofHours(1)).getEpochSecond(),
                QuarkusTransaction.requiringNew().call(() -> timers.dueAt(KIND, key)).orElseThrow().getEpochSecond());
        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            runner.runDue();
            return effects(key) == 2;
        });
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt(KIND, key)).isEmpty());
    }

    @Test
    void aTimerOfAnUnknownKindWaitsForAReleaseThatKnowsIt() {
        String key = prefix() + "future";
        QuarkusTransaction.requiringNew().run(() -> timers.schedule("test.from-a-newer-release", key, clock.instant()));
        // this runner or the service's own (woken by the commit) finds no handler and postpones it
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            runner.runDue();
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em
                    .createNativeQuery("select attempts, last_error from timer where timer_key = :k")
                    .setParameter("k", key).getSingleResult());
            return ((Number) row[0]).intValue() >= 1 && ((String) row[1]).contains("no handler");
        });
        QuarkusTransaction.requiringNew().run(() -> timers.cancel("test.from-a-newer-release", key));
    }

    @Test
    void finishedTimersArePurgedAfterTheRetention() {
        String key = prefix() + "old";
        schedule(key, clock.instant(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> history(key).size() == 1);
        clock.advance(Duration.ofDays(15));
        assertTrue(runner.purgeHistory() >= 1);
        assertEquals(List.of(), history(key));
    }
}
