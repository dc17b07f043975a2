package io.leadhandoff.common.timer;

import io.leadhandoff.common.time.SqlTime;
import io.leadhandoff.common.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Schedules, moves and cancels durable timers, in the caller's transaction: a timer exists exactly
 * when the state that needs it has committed. {@link TimerRunner} fires them once.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Timers {

    private static final String WAKE_KEY = Timers.class.getName() + ".wake";

    private final EntityManager em;
    private final TimerRunner runner;
    private final TransactionSynchronizationRegistry transactions;
    private final InstantSource clock;
    private final TimerConfig config;

    public Timers(EntityManager em, TimerRunner runner, TransactionSynchronizationRegistry transactions,
            InstantSource clock, TimerConfig config) {
        this.em = em;
        this.runner = runner;
        this.transactions = transactions;
        this.clock = clock;
        this.config = config;
    }

    /** Schedules {@code kind}/{@code key} at {@code dueAt}, or moves it there (with the new payload) if it is pending. */
    public void schedule(String kind, String key, Instant dueAt, String payload) {
        scheduleAll(List.of(new TimerRequest(kind, key, dueAt, payload)));
    }

    public void schedule(String kind, String key, Instant dueAt) {
        schedule(kind, key, dueAt, null);
    }

    /** Schedules or moves many timers in one statement (the inbox starts hundreds of clocks per transaction). */
    public void scheduleAll(Collection<TimerRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        int n = requests.size();
        String[] kinds = new String[n];
        String[] keys = new String[n];
        String[] due = new String[n]; // ISO instants: no JVM time zone in between
        String[] payloads = new String[n];
        Instant earliest = Instant.MAX;
        int i = 0;
        for (TimerRequest r : requests) {
            kinds[i] = r.kind();
            keys[i] = r.key();
            due[i] = r.dueAt().toString();
            payloads[i] = r.payload();
            earliest = r.dueAt().isBefore(earliest) ? r.dueAt() : earliest;
            i++;
        }
        Instant now = clock.instant();
        em.unwrap(Session.class).doWork(connection -> {
            Array kindArray = connection.createArrayOf("varchar", kinds);
            Array keyArray = connection.createArrayOf("varchar", keys);
            Array dueArray = connection.createArrayOf("text", due);
            Array payloadArray = connection.createArrayOf("text", payloads);
            // one key twice in one call: the last one wins (ON CONFLICT may not touch a row twice)
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into timer (kind, timer_key, due_at, payload, created_at)
                    select distinct on (kind, timer_key) kind, timer_key, due_at, payload, ?
                    from unnest(?::varchar[], ?::varchar[], ?::text[]::timestamptz[], ?::text[]) with ordinality as t(kind, timer_key, due_at, payload, ord)
                    order by kind, timer_key, ord desc
                    on conflict (kind, timer_key) do update
                    set due_at = excluded.due_at, payload = excluded.payload, seq = excluded.seq,
                        attempts = 0, last_error = null""")) {
                insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                insert.setArray(2, kindArray);
                insert.setArray(3, keyArray);
                insert.setArray(4, dueArray);
                insert.setArray(5, payloadArray);
                insert.executeUpdate();
            }
        });
        if (!earliest.isAfter(now.plus(config.pollInterval()))) {
            wakeRunnerAfterCommit();
        }
    }

    /** Cancels a pending timer; false if there was none (it fired, or never existed). */
    public boolean cancel(String kind, String key) {
        return cancelAll(kind, List.of(key)) > 0;
    }

    /** Cancels the pending timers of {@code kind} with these keys in one statement; returns how many there were. */
    public int cancelAll(String kind, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("""
                with gone as (delete from timer where kind = :kind and timer_key in (:keys)
                              returning id, kind, timer_key, due_at, attempts)
                insert into timer_history (id, kind, timer_key, due_at, outcome, attempts, finished_at)
                select id, kind, timer_key, due_at, 'CANCELLED', attempts, :now from gone""")
                .setParameter("kind", kind).setParameter("keys", keys).setParameter("now", clock.instant())
                .executeUpdate();
    }

    /** When a pending timer is due; empty if it is not pending. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Instant> dueAt(String kind, String key) {
        List<?> rows = em.createNativeQuery("select due_at from timer where kind = :kind and timer_key = :key")
                .setParameter("kind", kind).setParameter("key", key).getResultList();
        return rows.stream().findFirst().map(SqlTime::instant);
    }

    private void wakeRunnerAfterCommit() {
        AfterCommit.once(transactions, WAKE_KEY, runner::wake);
    }
}
