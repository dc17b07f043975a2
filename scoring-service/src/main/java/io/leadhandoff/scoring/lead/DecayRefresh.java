package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.Scorer;
import io.leadhandoff.scoring.model.TouchHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final InstantSource clock;
    private final Instance<LeadScoring> scoring;

    public DecayRefresh(InstantSource clock, Instance<LeadScoring> scoring) {
        this.clock = clock;
        this.scoring = scoring;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The first instant the lead's verdict (MQL or not, priority) changes with no new touch, if any: when to re-score it. */
    Optional<Instant> nextChange(Lead lead, TouchHistory activities, CompiledModel model, Instant now) {
        Scorer.Verdict current = Scorer.judge(model.policy(), Scorer.score(model, lead, activities, now));
        Instant horizon = now.plus(Scorer.HORIZON);
        if (same(current, model, lead, activities, horizon)) {
            return Optional.empty();
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
        return Optional.of(high);
    }

    private static boolean same(Scorer.Verdict current, CompiledModel model, Lead lead, TouchHistory activities,
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
        Map<UUID, List<Activity>> activity = Activity.ofLeadsSince(ids, clock.instant().minus(Scorer.HORIZON)).stream()
                .collect(Collectors.groupingBy(a -> a.leadId));
        leadScoring.rescoreAll(leads, activity, leadScoring.activeModel());
    }
}
