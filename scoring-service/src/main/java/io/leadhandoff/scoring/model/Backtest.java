package io.leadhandoff.scoring.model;

import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Replays the stored history under a version and sets it next to the active model: which leads
 * each would have made MQLs (judged at the lead's latest touch, or when it qualified), and, where
 * the outcome is known (a later stage, a rejection), how many of those sales accepted, took to
 * SQL and won; by source and fit tier; and the leads whose state would change. Reads only.
 */
@ApplicationScoped
public class Backtest {

    static final int BATCH = 1000;
    private static final Set<LifecycleStage> ACCEPTED = EnumSet.of(LifecycleStage.SAL, LifecycleStage.SQL,
            LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER);
    private static final Set<LifecycleStage> SQL = EnumSet.of(LifecycleStage.SQL, LifecycleStage.OPPORTUNITY,
            LifecycleStage.CUSTOMER);

    private final EntityManager em;
    private final ModelService models;

    public Backtest(EntityManager em, ModelService models) {
        this.em = em;
        this.models = models;
    }

    /** MQL volume and quality of one model over the replayed leads. */
    public record Figures(int version, int mqls, int withOutcome, int accepted, int sql, int won, Double acceptanceRate,
            Double sqlRate, Map<String, Group> bySource, Map<String, Group> byFitTier) {
    }

    public record Group(int mqls, int accepted, int sql, int won) {
    }

    /** A lead the two models would treat differently. */
    public record Change(UUID leadId, String email, String source, String active, String candidate, String outcome) {
    }

    public record Result(int leads, Figures candidate, Figures active, int changed, int page, int size,
            List<Change> changes) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Result run(int version, String source, int page, int size) {
        CompiledModel candidate = models.compiled(version);
        CompiledModel active = models.active();
        Tally c = new Tally(candidate.version());
        Tally a = new Tally(active.version());
        List<Change> changes = new ArrayList<>();
        int leads = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            jakarta.persistence.TypedQuery<Lead> batch = em.createQuery("select l from Lead l where l.mergedInto is null and l.id > :after"
                    + (source == null ? "" : " and l.source = :source") + " order by l.id", Lead.class)
                    .setParameter("after", after).setMaxResults(BATCH)
                    .setHint("org.hibernate.readOnly", true);
            if (source != null) {
                batch = batch.setParameter("source", source);
            }
            List<Lead> rows = batch.getResultList();
            if (rows.isEmpty()) {
                break;
            }
            Map<UUID, List<Activity>> activity = Activity.<Activity>list("leadId in ?1 order by occurredAt desc",
                    rows.stream().map(l -> l.id).toList()).stream().collect(Collectors.groupingBy(x -> x.leadId));
            Map<UUID, Known> known = outcomes(rows);
            for (Lead lead : rows) {
                List<Activity> touches = activity.getOrDefault(lead.id, List.of());
                Instant asOf = lead.qualifiedAt != null ? lead.qualifiedAt
                        : touches.isEmpty() ? lead.createdAt : touches.get(0).occurredAt;
                Known outcome = known.get(lead.id);
                String byCandidate = state(candidate, lead, touches, asOf, c, outcome);
                String byActive = state(active, lead, touches, asOf, a, outcome);
                if (!byCandidate.equals(byActive)) {
                    changes.add(new Change(lead.id, lead.email, lead.source, byActive, byCandidate, outcome.label()));
                }
            }
            leads += rows.size();
            after = rows.get(rows.size() - 1).id;
            em.clear(); // read-only replay: nothing to keep in the session
        }
        changes.sort(Comparator.comparing(Change::leadId));
        int from = Math.min(changes.size(), page * size);
        return new Result(leads, c.figures(), a.figures(), changes.size(), page, size,
                List.copyOf(changes.subList(from, Math.min(changes.size(), from + size))));
    }

    /**
     * What became of a lead as far as sales said: the furthest stage it reached after MQL (in its
     * timeline, or its stage now), or a rejection (with its reason) if it never got further.
     */
    record Known(boolean accepted, boolean sql, boolean won, String rejection) {

        boolean known() {
            return accepted || rejection != null;
        }

        String label() {
            return won ? "CUSTOMER" : sql ? "SQL" : accepted ? "SAL" : rejection != null ? "REJECTED " + rejection : null;
        }
    }

    private Map<UUID, Known> outcomes(List<Lead> leads) {
        List<UUID> ids = leads.stream().map(l -> l.id).toList();
        Map<UUID, Set<LifecycleStage>> reached = new java.util.HashMap<>();
        leads.forEach(l -> reached.computeIfAbsent(l.id, k -> EnumSet.noneOf(LifecycleStage.class)).add(l.lifecycleStage));
        @SuppressWarnings("unchecked")
        List<Object[]> steps = em.createNativeQuery("""
                select distinct lead_id, to_stage from lead_stage_change
                where lead_id in (:ids) and to_stage in ('SAL', 'SQL', 'OPPORTUNITY', 'CUSTOMER')""")
                .setParameter("ids", ids).getResultList();
        steps.forEach(r -> reached.get((UUID) r[0]).add(LifecycleStage.valueOf((String) r[1])));
        Map<UUID, String> rejections = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rejected = em.createNativeQuery("""
                select lead_id, reason from sales_feedback where verdict = 'REJECTED' and lead_id in (:ids) order by at""")
                .setParameter("ids", ids).getResultList();
        rejected.forEach(r -> rejections.put((UUID) r[0], r[1] == null ? "(no reason)" : (String) r[1]));
        Map<UUID, Known> known = new java.util.HashMap<>();
        reached.forEach((id, stages) -> {
            boolean accepted = stages.stream().anyMatch(ACCEPTED::contains);
            known.put(id, new Known(accepted, stages.stream().anyMatch(SQL::contains), stages.contains(LifecycleStage.CUSTOMER),
                    accepted ? null : rejections.get(id)));
        });
        return known;
    }

    private static String state(CompiledModel model, Lead lead, List<Activity> touches, Instant asOf, Tally tally,
            Known outcome) {
        // what the model would have seen then: the touches up to that instant
        List<Activity> seen = touches.stream().filter(t -> !t.occurredAt.isAfter(asOf)).toList();
        Scorer.Score score = Scorer.score(model, lead, seen, asOf);
        if (score.disqualifiedAs().isPresent()) {
            return score.disqualifiedAs().get().name();
        }
        Scorer.Verdict verdict = Scorer.judge(model.policy(), score);
        if (!verdict.mql()) {
            return "LEAD";
        }
        tally.mql(lead, score.fitTier(), outcome);
        return "MQL " + verdict.priority();
    }

    private static final class Tally {
        final int version;
        int mqls;
        int withOutcome;
        int accepted;
        int sql;
        int won;
        final Map<String, int[]> bySource = new TreeMap<>();
        final Map<String, int[]> byTier = new TreeMap<>();

        Tally(int version) {
            this.version = version;
        }

        void mql(Lead lead, String tier, Known outcome) {
            mqls++;
            boolean known = outcome.known();
            boolean acc = outcome.accepted();
            boolean toSql = outcome.sql();
            boolean isWon = outcome.won();
            withOutcome += known ? 1 : 0;
            accepted += acc ? 1 : 0;
            sql += toSql ? 1 : 0;
            won += isWon ? 1 : 0;
            for (int[] g : List.of(bySource.computeIfAbsent(lead.source == null ? "(none)" : lead.source, k -> new int[4]),
                    byTier.computeIfAbsent(tier, k -> new int[4]))) {
                g[0]++;
                g[1] += acc ? 1 : 0;
                g[2] += toSql ? 1 : 0;
                g[3] += isWon ? 1 : 0;
            }
        }

        Figures figures() {
            return new Figures(version, mqls, withOutcome, accepted, sql, won,
                    withOutcome == 0 ? null : rate(accepted, withOutcome),
                    withOutcome == 0 ? null : rate(sql, withOutcome),
                    groups(bySource), groups(byTier));
        }

        private static Map<String, Group> groups(Map<String, int[]> raw) {
            Map<String, Group> out = new TreeMap<>();
            raw.forEach((k, g) -> out.put(k, new Group(g[0], g[1], g[2], g[3])));
            return out;
        }
    }

    /** A share with four decimals. */
    private static double rate(int part, int whole) {
        return Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
