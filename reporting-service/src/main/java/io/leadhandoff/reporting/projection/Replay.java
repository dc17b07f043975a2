package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read models from the event log into fresh tables ({@code *_next}) and swaps them in
 * when done, so reads never see a half-built state. Events that arrive meanwhile are logged and
 * projected into the live tables as usual; the swap takes them over under a lock on the log.
 */
@ApplicationScoped
public class Replay {

    private static final Logger LOG = Logger.getLogger(Replay.class);
    /** Held by the running replay, so one runs at a time across replicas. */
    private static final long LOCK = 4242_0004L;
    private static final int TIMEOUT_SECONDS = (int) Duration.ofHours(6).toSeconds();

    public record Run(UUID id, String status, String requestedBy, Instant startedAt, Instant finishedAt, Long events,
            String error) {
    }

    private final EntityManager em;
    private final InstantSource clock;
    private final ManagedExecutor executor;

    public Replay(EntityManager em, InstantSource clock, ManagedExecutor executor) {
        this.em = em;
        this.clock = clock;
        this.executor = executor;
    }

    /** Starts a replay in the background; 409 while another runs. */
    public Run start(String actor) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            boolean free = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:k)").setParameter("k", LOCK)
                    .getSingleResult();
            if (!free) {
                throw ProblemException.conflict("A replay is running: wait for it to finish (GET /api/v1/admin/replay)");
            }
            // a run left RUNNING without its lock held was cut short (a restart)
            em.createNativeQuery("update replay_run set status = 'FAILED', finished_at = :now,"
                    + " error = 'interrupted: the service stopped during the replay' where status = 'RUNNING'")
                    .setParameter("now", clock.instant()).executeUpdate();
            em.createNativeQuery("insert into replay_run (id, status, requested_by, started_at) values (:id, 'RUNNING', :by, :now)")
                    .setParameter("id", id).setParameter("by", actor).setParameter("now", clock.instant()).executeUpdate();
        });
        executor.execute(() -> run(id));
        return find(id);
    }

    /** Runs a replay now, in the caller's thread (benchmarks, tests). */
    public Run runNow(String actor) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into replay_run (id, status, requested_by, started_at) values (:id, 'RUNNING', :by, :now)")
                .setParameter("id", id).setParameter("by", actor).setParameter("now", clock.instant()).executeUpdate());
        run(id);
        return find(id);
    }

    public Run find(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> runs("where id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("No replay " + id)));
    }

    public List<Run> recent() {
        return QuarkusTransaction.joiningExisting().call(() -> runs("order by started_at desc limit 20", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private List<Run> runs(String where, Map<String, Object> parameters) {
        var query = em.createNativeQuery("select id, status, requested_by, started_at, finished_at, events, error"
                + " from replay_run " + where);
        parameters.forEach(query::setParameter);
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new Run((UUID) r[0], (String) r[1],
                (String) r[2], instant(r[3]), instant(r[4]), r[5] == null ? null : ((Number) r[5]).longValue(),
                (String) r[6])).toList();
    }

    private static Instant instant(Object v) {
        return switch (v) {
            case null -> null;
            case Instant i -> i;
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("Unexpected time " + v.getClass());
        };
    }

    private void run(UUID id) {
        try {
            // the watermark: every event up to it is committed (the lock waits for inserts in flight, and
            // is released at once: events keep flowing into the live tables during the replay)
            long watermark = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class)
                    .doReturningWork(c -> {
                        lockLog(c, "share");
                        return count(c, "select coalesce(max(seq), 0) from event_log");
                    }));
            long events = QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(() -> {
                em.createNativeQuery("select pg_advisory_xact_lock(:k)").setParameter("k", LOCK).getSingleResult();
                return em.unwrap(Session.class).doReturningWork(c -> rebuild(c, watermark));
            });
            finish(id, "DONE", events, null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Replay %s failed", id);
            finish(id, "FAILED", null, e.getMessage());
        }
    }

    private void finish(UUID id, String status, Long events, String error) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update replay_run set status = :s, finished_at = :now, events = :e, error = :err where id = :id")
                .setParameter("s", status).setParameter("now", clock.instant()).setParameter("e", events)
                .setParameter("err", error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter("id", id).executeUpdate());
    }

    /**
     * Loads every event up to a watermark into fresh tables, then, with new events held back by a
     * lock on the log, projects those after it and swaps the tables in. All inside this
     * transaction: the swap is atomic, and a failure leaves the live tables as they were.
     */
    private long rebuild(Connection c, long watermark) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Projections.Table table : Projections.TABLES) {
                String next = table.name() + "_next";
                s.execute("drop table if exists " + next);
                s.execute("drop table if exists " + next + "_numbered");
                // no keys or indexes while loading: they are built once, at the end, but for those the load
                // needs (the roster keeps the latest change per rep; an imported lead is created once)
                s.execute("create table " + next + " (like " + table.name() + " including defaults including generated)");
                if (table.keyAtLoad()) {
                    s.execute("alter table " + next + " add constraint " + next + "_pkey primary key (" + table.primaryKey() + ")");
                }
                for (String[] index : table.atLoad()) {
                    createIndex(s, table, index);
                }
            }
        }
        long events = count(c, "select count(*) from event_log where seq <= " + watermark);
        Projections.load(c, Projections.Selection.upTo(watermark), "_next", false);
        Projections.rebuildAllCycles(c, "_next");
        Projections.buildRollups(c, "_next");
        try (Statement s = c.createStatement()) {
            for (Projections.Table table : Projections.TABLES) {
                String next = table.name() + "_next";
                if (table.primaryKey() != null && !table.keyAtLoad()) {
                    s.execute("alter table " + next + " add constraint " + next + "_pkey primary key (" + table.primaryKey() + ")");
                }
                for (String[] index : table.indexes()) {
                    createIndex(s, table, index);
                }
                // statistics now: the reports' first queries after the swap are planned on them
                s.execute("analyze " + next);
            }
        }
        // hold new events back while the ones after the watermark are taken over and the tables swapped
        lockLog(c, "share row exclusive");
        events += count(c, "select count(*) from event_log where seq > " + watermark);
        Projections.project(c, Projections.Selection.after(watermark), "_next");
        try (Statement s = c.createStatement()) {
            for (Projections.Table table : Projections.TABLES) {
                String name = table.name();
                s.execute("drop table " + name);
                s.execute("alter table " + name + "_next rename to " + name);
                if (table.primaryKey() != null) {
                    s.execute("alter index " + name + "_next_pkey rename to " + name + "_pkey");
                }
                for (String[] index : table.indexes()) {
                    s.execute("alter index " + index[0] + "_next rename to " + index[0]);
                }
            }
        }
        return events;
    }

    private static void createIndex(Statement s, Projections.Table table, String[] index) throws SQLException {
        boolean unique = index.length > 2 && index[2].equals("unique");
        s.execute("create " + (unique ? "unique " : "") + "index if not exists " + index[0] + "_next on " + table.name()
                + "_next " + index[1]);
    }

    private static void lockLog(Connection c, String mode) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("lock table event_log in " + mode + " mode");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
