package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Intent fades with no new touch (decay, windows closing), so a lead's state can change while
 * nothing happens: an MQL kept in nurture drops back below the threshold. When such a lead is
 * scored, the instant its verdict would next change is found (scores only fall with time, so a
 * bisection finds it) and a timer re-scores it then.
 */
@ApplicationScoped
public class DecayRefresh implements TimerHandler {

    static final String KIND = "scoring.decay";
    private static final Duration PRECISION = Duration.ofMinutes(1);

    private final Timers timers;
    private final InstantSource clock;
    private final Instance<LeadScoring> scoring;

    public DecayRefresh(Timers timers, InstantSource clock, Instance<LeadScoring> scoring) {
        this.timers = timers;
        this.clock = clock;
        this.scoring = scoring;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Schedules the lead's re-score at the first instant its verdict (MQL or not, priority) changes, if any. */
    void scheduleNextChange(Lead lead, List<Activity> activities, CompiledModel model, Instant now) {
        Scorer.Verdict current = Scorer.judge(model.policy(), Scorer.score(model, lead, activities, now));
        Instant horizon = now.plus(Scorer.HORIZON);
        if (same(current, model, lead, activities, horizon)) {
            timers.cancel(KIND, lead.id.toString());
            return;
        }
        Instant low = now;
        Instant high = horizon;
        while (Duration.between(low, high).compareTo(PRECISION) > 0) {
            Instant mid = low.plus(Duration.between(low, high).dividedBy(2));
            if (same(current, model, lead, activities, mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        timers.schedule(KIND, lead.id.toString(), high);
    }

    private static boolean same(Scorer.Verdict current, CompiledModel model, Lead lead, List<Activity> activities,
            Instant at) {
        Scorer.Verdict then = Scorer.judge(model.policy(), Scorer.score(model, lead, activities, at));
        return then.mql() == current.mql() && then.priority() == current.priority();
    }

    @Override
    public void fire(List<DueTimer> due) {
        List<UUID> ids = due.stream().map(t -> UUID.fromString(t.key())).toList();
        List<Lead> leads = Lead.<Lead>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (leads.isEmpty()) {
            return;
        }
        LeadScoring leadScoring = scoring.get();
        CompiledModel model = leadScoring.activeModel();
        Map<UUID, List<Activity>> activity = Activity.ofLeadsSince(ids, clock.instant().minus(Scorer.HORIZON)).stream()
                .collect(Collectors.groupingBy(a -> a.leadId));
        for (Lead lead : leads) {
            leadScoring.rescore(lead, activity.getOrDefault(lead.id, List.of()), model);
        }
    }
}
