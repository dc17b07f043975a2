package io.leadhandoff.scoring.model;

import io.leadhandoff.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What sales said about a model version's MQLs: accepted or rejected (with the reasons), by each
 * rule that had fired and by source. A rule whose leads sales keeps rejecting is the first to look at.
 */
@ApplicationScoped
public class Feedback {

    public record Group(String key, int accepted, int rejected, Double acceptanceRate, Map<String, Integer> reasons) {
    }

    public record Report(int version, int accepted, int rejected, Double acceptanceRate, Map<String, Integer> reasons,
            List<Group> byRule, List<Group> bySource) {
    }

    private final EntityManager em;

    public Feedback(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Report of(int version) {
        if (ModelVersion.findById(version) == null) {
            throw ProblemException.notFound("No model version " + version);
        }
        List<Group> total = groups("'all'", version, "sales_feedback f");
        Group all = total.isEmpty() ? new Group("all", 0, 0, null, Map.of()) : total.get(0);
        return new Report(version, all.accepted(), all.rejected(), all.acceptanceRate(), all.reasons(),
                groups("r.rule", version, "sales_feedback f cross join jsonb_array_elements_text(f.rules) as r(rule)"),
                groups("coalesce(f.source, '(none)')", version, "sales_feedback f"));
    }

    /** Accepted, rejected and the rejection reasons per value of {@code key}, most MQLs first. */
    private List<Group> groups(String key, int version, String from) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + key + " as k, f.verdict, f.reason, count(*) from " + from
                + " where f.model_version = :v group by 1, 2, 3").setParameter("v", version).getResultList();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> reasons = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String k = (String) r[0];
            int n = ((Number) r[3]).intValue();
            int[] c = counts.computeIfAbsent(k, x -> new int[2]);
            if ("ACCEPTED".equals(r[1])) {
                c[0] += n;
            } else {
                c[1] += n;
                reasons.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(r[2] == null ? "(none)" : (String) r[2], n,
                        Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Group(e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[0] + e.getValue()[1] == 0 ? null
                                : Math.round(1000.0 * e.getValue()[0] / (e.getValue()[0] + e.getValue()[1])) / 1000.0,
                        reasons.getOrDefault(e.getKey(), Map.of())))
                .sorted((a, b) -> Integer.compare(b.accepted() + b.rejected(), a.accepted() + a.rejected()))
                .toList();
    }
}
