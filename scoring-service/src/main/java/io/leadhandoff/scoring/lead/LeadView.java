package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.model.ScoreLine;
import io.leadhandoff.scoring.model.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A lead as the API shows it: profile, scores with their explanation, lifecycle. */
public record LeadView(
        UUID id,
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String seniority,
        String companyName,
        String companyDomain,
        String industry,
        Integer employees,
        String country,
        String source,
        String campaign,
        Scores score,
        LifecycleStage lifecycleStage,
        Priority priority,
        String mqlReason,
        Instant qualifiedAt,
        Instant createdAt,
        Instant updatedAt,
        UUID mergedInto,
        java.util.Map<String, Object> attributes) {

    public record Scores(int fit, int intent, int disqualification, int total, String fitTier, Integer modelVersion,
            List<ScoreLine> breakdown) {
    }

    /** A lead just scored: its scores and breakdown as that scoring left them. */
    static LeadView of(Lead l) {
        return of(l, new Scores(l.fitScore, l.intentScore, l.disqualificationScore, l.totalScore, l.fitTier,
                l.modelVersion, l.scoreBreakdown));
    }

    /** A lead read: its scores as of {@code score}'s instant, under model {@code version}. */
    static LeadView of(Lead l, Scorer.Score score, int version) {
        return of(l, new Scores(score.fit(), score.intent(), score.disqualification(), score.total(), score.fitTier(),
                version, score.lines()));
    }

    private static LeadView of(Lead l, Scores scores) {
        return new LeadView(l.id, l.email, l.firstName, l.lastName, l.jobTitle, l.seniority, l.companyName,
                l.companyDomain, l.industry, l.employees, l.country, l.source, l.campaign, scores,
                l.lifecycleStage, l.priority, l.mqlReason, l.qualifiedAt, l.createdAt, l.updatedAt, l.mergedInto, l.attributes);
    }
}
