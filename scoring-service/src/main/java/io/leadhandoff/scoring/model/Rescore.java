package io.leadhandoff.scoring.model;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import io.leadhandoff.scoring.lead.LeadScoring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Re-scores the open leads under a newly activated version, a batch per firing of its timer, in
 * lead id order from a cursor kept on the version: resumable after a restart (the timer and the
 * cursor are in the database), and stopped when another version is activated. A lead that newly
 * qualifies is handed off like any other.
 */
@ApplicationScoped
public class Rescore implements TimerHandler {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Rescore.class);

    static final String KIND = "scoring.rescore";
    static final List<String> OPEN_STAGES = List.of("LEAD", "MQL", "RECYCLED");

    private final EntityManager em;
    private final LeadScoring scoring;
    private final ModelService models;
    private final Timers timers;
    private final InstantSource clock;
    private final int batchSize;

    public Rescore(EntityManager em, LeadScoring scoring, ModelService models, Timers timers, InstantSource clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "scoring.rescore-batch-size", defaultValue = "200")
            int batchSize) {
        this.batchSize = batchSize;
        this.em = em;
        this.scoring = scoring;
        this.models = models;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(List<DueTimer> due) {
        for (DueTimer timer : due) {
            ModelVersion version = ModelVersion.findById(Integer.parseInt(timer.key()),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (version == null || version.status != ModelVersion.Status.ACTIVE) {
                continue; // another version took over: its own re-score covers every open lead
            }
            @SuppressWarnings("unchecked")
            List<Lead> batch = em.createNativeQuery("select * from lead where lifecycle_stage in (:open) and merged_into is null and id > :after"
                    + " order by id limit :n for update", Lead.class)
                    .setParameter("open", OPEN_STAGES)
                    .setParameter("after", version.rescoreCursor == null ? new UUID(0, 0) // the smallest uuid in PostgreSQL's order
                            : version.rescoreCursor)
                    .setParameter("n", batchSize).getResultList();
            CompiledModel model = models.compiled(version);
            Map<UUID, List<Activity>> activity = batch.isEmpty() ? Map.of()
                    : Activity.ofLeadsSince(batch.stream().map(l -> l.id).toList(), clock.instant().minus(Scorer.HORIZON))
                            .stream().collect(Collectors.groupingBy(a -> a.leadId));
            scoring.rescoreAll(batch, activity, model);
            version.rescoreDone += batch.size();
            if (!batch.isEmpty()) {
                version.rescoreCursor = batch.get(batch.size() - 1).id;
            }
            LOG.infof("Re-scoring %d open leads under model version %d (%d of %s once committed)", batch.size(), version.version,
                    version.rescoreDone, version.rescoreTotal);
            if (batch.size() == batchSize) {
                timers.schedule(KIND, timer.key(), clock.instant());
            } else {
                version.rescoreTotal = version.rescoreDone; // done: leads that opened meanwhile were counted in
            }
        }
    }
}
