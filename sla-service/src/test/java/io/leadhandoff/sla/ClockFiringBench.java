package io.leadhandoff.sla;

import io.agroal.api.AgroalDataSource;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * SLA clocks at scale, next to the well-known baseline in the same run and on the same PostgreSQL:
 * 1,000,000 open clocks, of which the first 100,000 come due at 10,000 per second; how late each
 * breach is applied (clock breached, SlaBreached and its three immediate escalation steps in the
 * outbox, four alerts, the next step's timer: the runner's fired count, read every 10 ms). Then the same load on Quartz's JDBC job store (1,000,000 simple triggers, a job that only
 * notes when it started: Quartz is measured at the start of the job, before its own completion
 * writes). Both sets are loaded with one SQL statement per table. Prints figures; asserts nothing
 * about speed. Run: {@code ./mvnw -Pbench -pl sla-service -am verify} (bench.clocks, bench.due,
 * bench.rate to change the load).
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ClockFiringBench {

    static final int OPEN = Integer.getInteger("bench.clocks", 1_000_000);
    static final int DUE = Integer.getInteger("bench.due", 100_000);
    static final int RATE = Integer.getInteger("bench.rate", 10_000);
    /** How long after the last due time a run may take before it is cut off. */
    static final Duration GRACE = Duration.ofSeconds(60);
    static final String TEAM = "Bench team";
    /** bench.quartz=false leaves the baseline out (while tuning). */
    static final boolean QUARTZ = Boolean.parseBoolean(System.getProperty("bench.quartz", "true"));

    @Inject
    AgroalDataSource db;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** Lateness figures, in milliseconds. */
    record Figures(String name, int due, int fired, double p50, double p99, double max, double firstTenthP99,
            double lastTenthP99, double perSecond) {

        String line() {
            return String.format("%-34s %8d %8d %9.0f %9.0f %9.0f %12.0f %12.0f %10.0f", name, due, fired, p50, p99, max,
                    firstTenthP99, lastTenthP99, perSecond);
        }
    }

    @Test
    void firingLatenessOfAMillionOpenClocksNextToQuartz() throws Exception {
        Figures ours = ours();
        System.out.println(ours.line());
        if (!QUARTZ) {
            return;
        }
        Figures quartz = quartz();
        System.out.println();
        System.out.printf("SLA clocks: %,d open, the first %,d coming due at %,d per second (lateness in ms)%n", OPEN, DUE,
                RATE);
        System.out.printf("%-34s %8s %8s %9s %9s %9s %12s %12s %10s%n", "", "due", "fired", "p50", "p99", "max",
                "p99 1st 10%", "p99 last 10%", "fired/s");
        System.out.println(ours.line());
        System.out.println(quartz.line());
        System.out.println();
    }

    // ---- ours: the SLA service's clocks on the shared durable timers

    Figures ours() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from timer where kind = 'sla.breach' and timer_key in (select id::text from sla_clock"
                    + " where team_name = '" + TEAM + "')");
            s.execute("delete from sla_clock where team_name = '" + TEAM + "'");
            // every clock far in the future first: the ones that come due are moved once all are loaded
            s.execute("""
                    insert into sla_clock (id, lead_id, assignment_id, kind, owner_login, manager_login, team_name, priority,
                                           status, started_at, due_at, target_seconds, policy_version, tier, round,
                                           elapsed_before_seconds)
                    select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'FIRST_TOUCH', 'bench-rep', 'bench-mgr',
                           '%s', 'HOT', 'OPEN', now(), now() + interval '1 day' + g * interval '1 millisecond', 3600, 1, 0, 0, 0
                    from generate_series(1, %d) g""".formatted(TEAM, OPEN));
            s.execute("""
                    insert into timer (kind, timer_key, due_at, created_at)
                    select 'sla.breach', id::text, due_at, now() from sla_clock where team_name = '%s'""".formatted(TEAM));
            s.execute("analyze sla_clock");
            s.execute("analyze timer");
        }
        Instant start = Instant.now().plusSeconds(5);
        try (Connection c = db.getConnection(); PreparedStatement move = c.prepareStatement("""
                with due as (select id, cast(? as timestamptz) + (row_number() over (order by due_at) - 1) * (interval '1 second' / ?) as at
                             from sla_clock where team_name = ? order by due_at limit ?),
                     clocks as (update sla_clock c set due_at = due.at, started_at = due.at - interval '1 hour'
                                from due where c.id = due.id returning c.id, c.due_at)
                update timer t set due_at = clocks.due_at from clocks
                where t.kind = 'sla.breach' and t.timer_key = clocks.id::text""")) {
            move.setObject(1, start.atOffset(java.time.ZoneOffset.UTC));
            move.setInt(2, RATE);
            move.setString(3, TEAM);
            move.setInt(4, DUE);
            move.executeUpdate();
        }
        long[] visibleAt = sample(start);
        List<long[]> fired = new ArrayList<>();
        for (int k = 0; k < DUE; k++) {
            if (visibleAt[k] >= 0) {
                fired.add(new long[] { start.toEpochMilli() + 1000L * k / RATE, visibleAt[k] });
            }
        }
        return figures("lead-handoff SLA clocks", start, fired);
    }

    /**
     * Every 10 ms until all have fired or the grace period is over: how many timers have fired (the
     * runner counts a batch once its effects are written, just before the commit; reading the
     * counter costs the database nothing). The k-th clock (in due order) is taken to have fired when
     * the count first reached k.
     */
    long[] sample(Instant start) throws Exception {
        io.micrometer.core.instrument.Counter counter = registry.find("handoff.timers.fired").counter();
        double before = counter.count();
        long[] visibleAt = new long[DUE];
        Arrays.fill(visibleAt, -1);
        Instant end = start.plusMillis(1000L * DUE / RATE).plus(GRACE);
        int seen = 0;
        while (seen < DUE && Instant.now().isBefore(end)) {
            Thread.sleep(10);
            long now = System.currentTimeMillis();
            int fired = (int) Math.min(DUE, counter.count() - before);
            for (int k = seen; k < fired; k++) {
                visibleAt[k] = now;
            }
            seen = Math.max(seen, fired);
        }
        return visibleAt;
    }

    /** Figures from (due, fired) pairs in milliseconds, one per clock that fired. */
    static Figures figures(String name, Instant start, List<long[]> fired) {
        List<long[]> byDue = new ArrayList<>(fired);
        byDue.sort(java.util.Comparator.comparingLong(f -> f[0]));
        List<Double> lateness = byDue.stream().map(f -> (double) Math.max(0, f[1] - f[0])).toList();
        long last = byDue.stream().mapToLong(f -> f[1]).max().orElse(start.toEpochMilli());
        double seconds = Math.max(0.001, (last - start.toEpochMilli()) / 1000.0);
        int tenth = Math.max(1, lateness.size() / 10);
        return new Figures(name, DUE, lateness.size(), percentile(lateness, 0.5), percentile(lateness, 0.99),
                percentile(lateness, 1.0), percentile(lateness.subList(0, Math.min(tenth, lateness.size())), 0.99),
                percentile(lateness.subList(Math.max(0, lateness.size() - tenth), lateness.size()), 0.99),
                lateness.size() / seconds);
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---- the baseline: Quartz's JDBC job store (JobStoreTX, PostgreSQLDelegate) on the same database

    /** Quartz's connections: the service's pool (the same PostgreSQL, nothing else running meanwhile). */
    public static class QuartzConnections implements org.quartz.utils.ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return Arc.container().instance(AgroalDataSource.class).get().getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }

    /** The job notes when it started, against when its trigger was due. */
    public static class NoteLateness implements Job {
        static final ConcurrentLinkedQueue<long[]> STARTED = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(JobExecutionContext context) {
            STARTED.add(new long[] { context.getScheduledFireTime().getTime(), System.currentTimeMillis() });
        }
    }

    Figures quartz() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // its tables first, its indexes after loading (as one would restore a dump)
            List<String> indexes = new ArrayList<>();
            for (String statement : quartzTables().split(";")) {
                String sql = statement.strip();
                if (sql.toLowerCase(java.util.Locale.ROOT).startsWith("create index")) {
                    indexes.add(sql);
                } else if (!sql.isEmpty() && !sql.startsWith("COMMIT")) {
                    s.execute(sql);
                }
            }
            s.execute("""
                    insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,
                                                  is_nonconcurrent, is_update_data, requests_recovery)
                    select 'bench', 'clock-' || g, 'sla', '%s', false, false, false, false
                    from generate_series(1, %d) g""".formatted(NoteLateness.class.getName(), OPEN));
            s.execute("""
                    insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time,
                                               priority, trigger_state, trigger_type, start_time, misfire_instr)
                    select 'bench', 'clock-' || g, 'sla', 'clock-' || g, 'sla',
                           (extract(epoch from now() + interval '1 day') * 1000)::bigint + g, 5, 'WAITING', 'SIMPLE',
                           (extract(epoch from now() + interval '1 day') * 1000)::bigint + g, 0
                    from generate_series(1, %d) g""".formatted(OPEN));
            s.execute("""
                    insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval,
                                                      times_triggered)
                    select 'bench', 'clock-' || g, 'sla', 0, 0, 0 from generate_series(1, %d) g""".formatted(OPEN));
            for (String index : indexes) {
                s.execute(index);
            }
            s.execute("analyze qrtz_triggers");
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench");
        p.setProperty("org.quartz.scheduler.instanceId", "bench-1");
        p.setProperty("org.quartz.threadPool.threadCount", "10");
        // acquire many triggers per round trip (the default is one): Quartz's own advice for throughput
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "100");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "1000");
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // late triggers fire as usual (no misfire handling) so every lateness is measured
        p.setProperty("org.quartz.jobStore.misfireThreshold", "600000");
        p.setProperty("org.quartz.jobStore.dataSource", "bench");
        p.setProperty("org.quartz.dataSource.bench.connectionProvider.class", QuartzConnections.class.getName());
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        Instant start = Instant.now().plusSeconds(5);
        try (Connection c = db.getConnection(); PreparedStatement move = c.prepareStatement("""
                with due as (select sched_name, trigger_name, trigger_group,
                                    ? + (row_number() over (order by next_fire_time) - 1) * 1000 / ? as at
                             from qrtz_triggers order by next_fire_time limit ?)
                update qrtz_triggers t set next_fire_time = due.at, start_time = due.at from due
                where t.sched_name = due.sched_name and t.trigger_name = due.trigger_name
                  and t.trigger_group = due.trigger_group""")) {
            move.setLong(1, start.toEpochMilli());
            move.setInt(2, RATE);
            move.setInt(3, DUE);
            move.executeUpdate();
        }
        NoteLateness.STARTED.clear();
        scheduler.start();
        try {
            Instant end = start.plusMillis(1000L * DUE / RATE).plus(GRACE);
            while (NoteLateness.STARTED.size() < DUE && Instant.now().isBefore(end)) {
                Thread.sleep(100);
            }
        } finally {
            scheduler.shutdown(false);
        }
        return figures("Quartz " + org.quartz.core.QuartzScheduler.getVersionMajor() + "."
                + org.quartz.core.QuartzScheduler.getVersionMinor() + "." + org.quartz.core.QuartzScheduler.getVersionIteration()
                + " JDBC job store", start, new ArrayList<>(NoteLateness.STARTED));
    }

    static String quartzTables() throws IOException {
        try (InputStream in = org.quartz.impl.jdbcjobstore.JobStoreTX.class
                .getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            // its comments (-- ...) go, statements stay
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
        }
    }
}
