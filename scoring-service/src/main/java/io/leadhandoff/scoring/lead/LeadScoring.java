package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.Scorer;
import io.leadhandoff.scoring.model.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** Applies the active model to a lead and, when the MQL condition first holds, qualifies it. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LeadScoring {

    static final int TOUCHES_SHOWN = 5;

    private final Outbox outbox;
    private final InstantSource clock;

    public LeadScoring(Outbox outbox, InstantSource clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public ScoringModel activeModel() {
        return ScoringModel.<ScoringModel>find("active", true).firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("No active scoring model"));
    }

    /** @param activities the lead's activity within {@link Scorer#HORIZON}, newest first */
    public void rescore(Lead lead, List<Activity> activities, ScoringModel model) {
        Instant now = clock.instant();
        Scorer.Score score = Scorer.score(model, lead, activities, now);
        lead.fitScore = score.fit();
        lead.intentScore = score.intent();
        lead.disqualificationScore = score.disqualification();
        lead.totalScore = score.total();
        lead.scoreBreakdown = score.lines();
        lead.modelVersion = model.version;
        lead.updatedAt = now;
        if (lead.lifecycleStage != LifecycleStage.LEAD || score.disqualification() < 0) {
            return;
        }
        boolean byThreshold = score.fit() >= model.mqlMinFit && score.intent() >= model.mqlMinIntent;
        if (!byThreshold && score.fastTrack().isEmpty()) {
            return;
        }
        lead.lifecycleStage = LifecycleStage.MQL;
        lead.priority = score.fastTrack().isPresent() ? Priority.HOT
                : score.intent() >= 2 * model.mqlMinIntent ? Priority.HIGH : Priority.WARM;
        lead.mqlReason = reason(score, model, byThreshold);
        lead.qualifiedAt = now;
        String subject = lead.id.toString();
        outbox.publish(subject, new LeadLifecycleChanged(lead.id, LifecycleStage.LEAD, LifecycleStage.MQL,
                lead.mqlReason, lead.source, lead.campaign, now));
        outbox.publish(subject, qualified(lead, score, activities, model));
    }

    private static String reason(Scorer.Score score, ScoringModel model, boolean byThreshold) {
        String thresholds = "fit " + score.fit() + (score.fit() >= model.mqlMinFit ? " >= " : " < ") + model.mqlMinFit
                + ", intent " + score.intent() + (score.intent() >= model.mqlMinIntent ? " >= " : " < ")
                + model.mqlMinIntent;
        return score.fastTrack()
                .map(a -> "Fast track: " + a.type.replace('_', ' ') + " at " + a.occurredAt + " (" + thresholds + ")")
                .orElse("Fit and intent thresholds met (" + thresholds + ")");
    }

    private static LeadQualified qualified(Lead lead, Scorer.Score score, List<Activity> activities, ScoringModel model) {
        List<LeadQualified.ScoreLine> breakdown = score.lines().stream()
                .map(l -> new LeadQualified.ScoreLine(l.rule(), l.category(), l.points(), l.description() + ": " + l.detail()))
                .toList();
        List<LeadQualified.Touch> touches = activities.stream()
                .filter(a -> score.meaningfulActivity().contains(a.eventId) || !"page_view".equals(a.type))
                .limit(TOUCHES_SHOWN)
                .map(a -> new LeadQualified.Touch(a.type, a.url, a.occurredAt, a.properties))
                .toList();
        return new LeadQualified(lead.id, lead.email, lead.firstName, lead.lastName, lead.jobTitle, lead.companyName,
                lead.companyDomain, lead.country, lead.source, lead.campaign, lead.priority, score.fit(), score.intent(),
                score.total(), lead.mqlReason, model.version, breakdown, touches, lead.qualifiedAt);
    }
}
