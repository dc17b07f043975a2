package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.ModelService;
import io.leadhandoff.scoring.model.Rule;
import io.leadhandoff.scoring.model.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a model to a lead as of now and moves it through the lifecycle: an open lead (new or
 * recycled) that qualifies becomes an MQL and, unless the policy keeps it in nurture (two-tier),
 * is handed to sales with LeadQualified; a disqualifier sends it where it belongs instead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LeadScoring {

    static final int TOUCHES_SHOWN = 5;
    /** Stages a lead may qualify from: new, or recycled by sales back to marketing. */
    static final Set<LifecycleStage> OPEN = Set.of(LifecycleStage.LEAD, LifecycleStage.RECYCLED);

    private final Outbox outbox;
    private final InstantSource clock;
    private final ModelService models;
    private final Lifecycle lifecycle;
    private final DecayRefresh decay;

    public LeadScoring(Outbox outbox, InstantSource clock, ModelService models, Lifecycle lifecycle, DecayRefresh decay) {
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.decay = decay;
        this.clock = clock;
        this.models = models;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CompiledModel activeModel() {
        return models.active();
    }

    /** @param activities the lead's activity within {@link Scorer#HORIZON}, newest first */
    public void rescore(Lead lead, List<Activity> activities, CompiledModel model) {
        Instant now = clock.instant();
        Scorer.Score score = Scorer.score(model, lead, activities, now);
        lead.fitScore = score.fit();
        lead.intentScore = score.intent();
        lead.disqualificationScore = score.disqualification();
        lead.totalScore = score.total();
        lead.scoreBreakdown = score.lines();
        lead.fitTier = score.fitTier();
        lead.accountDomain = lead.accountDomainOf();
        lead.modelVersion = model.version();
        lead.updatedAt = now;
        Scorer.Verdict verdict = Scorer.judge(model.policy(), score);
        String subject = lead.id.toString();
        if (OPEN.contains(lead.lifecycleStage)) {
            LifecycleStage from = lead.lifecycleStage;
            if (score.disqualifiedAs().isPresent()) {
                lead.lifecycleStage = score.disqualifiedAs().get() == Rule.Outcome.ROUTED_ELSEWHERE
                        ? LifecycleStage.ROUTED_ELSEWHERE : LifecycleStage.DISQUALIFIED;
                lifecycle.changed(lead.id, from, lead.lifecycleStage, disqualifiers(score), lead.source, lead.campaign, now);
                return;
            }
            if (!verdict.mql()) {
                return;
            }
            lead.lifecycleStage = LifecycleStage.MQL;
            lead.priority = verdict.priority();
            lead.mqlReason = verdict.reason();
            lead.qualifiedAt = now;
            lead.handedOffAt = null;
            lifecycle.changed(lead.id, from, LifecycleStage.MQL, lead.mqlReason, lead.source, lead.campaign, now);
            if (!verdict.handOff()) {
                decay.scheduleNextChange(lead, activities, model, now);
            }
        } else if (lead.lifecycleStage != LifecycleStage.MQL || lead.handedOffAt != null) {
            return;
        } else if (!verdict.mql()) {
            // an MQL still in nurture whose intent has faded (decay, windows closing): back to marketing
            lead.lifecycleStage = LifecycleStage.LEAD;
            lead.priority = null;
            lifecycle.changed(lead.id, LifecycleStage.MQL, LifecycleStage.LEAD,
                    "Intent faded below the threshold: " + verdict.reason(), lead.source, lead.campaign, now);
            return;
        } else if (!verdict.handOff()) {
            decay.scheduleNextChange(lead, activities, model, now);
            return;
        } else {
            // an MQL kept in nurture (two-tier) took a fast-track action: now it goes to sales
            lead.priority = verdict.priority();
            lead.mqlReason = verdict.reason();
        }
        if (verdict.handOff()) {
            lead.handedOffAt = now;
            outbox.publish(subject, qualified(lead, score, activities, model, accountScore(lead)));
        }
    }

    /** The last touches a rep should see: those that earned or cost points, and every non-page-view (forms, calls). */
    static List<Activity> meaningful(Scorer.Score score, List<Activity> activities) {
        return activities.stream()
                .filter(a -> score.meaningfulActivity().contains(a.eventId) || !"page_view".equals(a.type))
                .limit(TOUCHES_SHOWN).toList();
    }

    private static String disqualifiers(Scorer.Score score) {
        return "Disqualified by " + score.lines().stream().filter(l -> Rule.Feeds.DISQUALIFY.name().equals(l.category()))
                .map(l -> l.description() + " (" + l.detail() + ")").reduce((a, b) -> a + "; " + b).orElse("a rule");
    }

    /** The decayed intent of every contact of the lead's account (its own as just scored). */
    private Integer accountScore(Lead lead) {
        if (lead.accountDomain == null) {
            return null;
        }
        Number others = (Number) Lead.getEntityManager().createNativeQuery(
                "select coalesce(sum(intent_score), 0) from lead where account_domain = :d and id <> :id")
                .setParameter("d", lead.accountDomain).setParameter("id", lead.id).getSingleResult();
        return others.intValue() + lead.intentScore;
    }

    private static LeadQualified qualified(Lead lead, Scorer.Score score, List<Activity> activities, CompiledModel model,
            Integer accountScore) {
        List<LeadQualified.ScoreLine> breakdown = score.lines().stream()
                .map(l -> new LeadQualified.ScoreLine(l.rule(), l.category(), l.points(), l.description() + ": " + l.detail()))
                .toList();
        List<Activity> shown = meaningful(score, activities);
        // touches may have been read without their properties (the ingest path): fetch those of the few shown
        Map<String, Map<String, Object>> answers = Activity.propertiesOf(shown.stream()
                .filter(a -> a.properties == null).map(a -> a.eventId).toList());
        List<LeadQualified.Touch> touches = shown.stream()
                .map(a -> new LeadQualified.Touch(a.type, a.url, a.occurredAt,
                        a.properties != null ? a.properties : answers.get(a.eventId)))
                .toList();
        return new LeadQualified(lead.id, lead.email, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName,
                lead.companyDomain, lead.country, lead.source, lead.campaign, lead.priority, score.fit(), score.intent(),
                score.total(), lead.mqlReason, model.version(), breakdown, touches, lead.qualifiedAt, score.fitTier(),
                lead.accountDomain, accountScore);
    }
}
