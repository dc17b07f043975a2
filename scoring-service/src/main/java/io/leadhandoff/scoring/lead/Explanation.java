package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.QualificationPolicy;
import io.leadhandoff.scoring.model.ScoreLine;
import io.leadhandoff.scoring.model.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "Why MQL" at a glance: the rules that fired with their points and why (the field value, the
 * matching touches, the decay applied), the thresholds and whether and when they were crossed, and
 * the last meaningful touches with the form answers verbatim. Computed as of {@code asOf}.
 */
public record Explanation(UUID leadId, LifecycleStage stage, Priority priority, int modelVersion, Instant asOf,
        Scores scores, List<ScoreLine> rules, Threshold threshold, List<Touch> lastTouches) {

    public record Scores(int fit, int intent, int disqualification, int total, String fitTier) {
    }

    /** The policy's thresholds, whether the lead meets them now, and when it qualified. */
    public record Threshold(int minFit, int minIntent, Integer minTotal, List<String> fastTrack, boolean metNow,
            String verdict, Instant qualifiedAt, String qualifiedBecause) {
    }

    /** A touch as the rep should see it: what, where, when, and what the lead wrote. */
    public record Touch(String type, String name, String url, Instant occurredAt, Map<String, Object> answers) {
    }

    static Explanation of(Lead lead, CompiledModel model, Scorer.Score score, Scorer.Verdict verdict,
            List<Activity> touches, Instant asOf) {
        QualificationPolicy p = model.policy();
        return new Explanation(lead.id, lead.lifecycleStage, lead.priority, model.version(), asOf,
                new Scores(score.fit(), score.intent(), score.disqualification(), score.total(), score.fitTier()),
                score.lines(),
                new Threshold(p.minFit(), p.minIntent(), p.minTotal(), p.fastTrack(), verdict.mql(), verdict.reason(),
                        lead.qualifiedAt, lead.mqlReason),
                touches.stream().map(a -> new Touch(a.type, name(a), a.url, a.occurredAt, a.properties)).toList());
    }

    /** A page title or form name when the sender gave one. */
    private static String name(Activity a) {
        if (a.properties == null) {
            return null;
        }
        for (String key : List.of("formName", "form", "title", "name")) {
            if (a.properties.get(key) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
