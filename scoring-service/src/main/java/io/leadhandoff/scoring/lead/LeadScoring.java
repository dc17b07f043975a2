package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.common.timer.TimerRequest;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.model.CompiledModel;
import io.leadhandoff.scoring.model.ModelService;
import io.leadhandoff.scoring.model.Rule;
import io.leadhandoff.scoring.model.Scorer;
import io.leadhandoff.scoring.model.TouchHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    private final LeadRows rows;
    private final Timers timers;

    public LeadScoring(Outbox outbox, InstantSource clock, ModelService models, Lifecycle lifecycle, DecayRefresh decay,
            LeadRows rows, Timers timers) {
        this.rows = rows;
        this.timers = timers;
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
        rescoreAll(List.of(lead), Map.of(lead.id, activities), model);
    }

    /**
     * Scores the leads as of now and writes what changed with one statement per table: the leads
     * whose score or stage changed, their timeline, their events (in order, per lead), their decay
     * timers. Returns the leads written.
     *
     * @param activity each lead's touches within {@link Scorer#HORIZON}, newest first
     */
    public Set<Lead> rescoreAll(Collection<Lead> leads, Map<UUID, List<Activity>> activity, CompiledModel model) {
        return rescoreAll(leads, activity, model, false);
    }

    /**
     * As {@link #rescoreAll(Collection, Map, CompiledModel)}; with {@code profilesChanged} every lead
     * is written, profile included (a request changed them).
     */
    public Set<Lead> rescoreAll(Collection<Lead> leads, Map<UUID, List<Activity>> activity, CompiledModel model,
            boolean profilesChanged) {
        Instant now = clock.instant();
        Map<UUID, Prepared> prepared = new HashMap<>();
        leads.forEach(l -> prepared.put(l.id,
                prepare(model, l, TouchHistory.of(model, activity.getOrDefault(l.id, List.of()), now), now)));
        return score(leads, prepared, activity, model, profilesChanged, now);
    }

    /**
     * A lead's score from its touch history, computed apart from the lead's lifecycle: pure (no I/O,
     * the lead only read), so the ingest computes it while its touches are being stored.
     */
    public record Prepared(TouchHistory history, byte[] kept, Scorer.Score score) {
    }

    public static Prepared prepare(CompiledModel model, Lead lead, TouchHistory history, Instant now) {
        return new Prepared(history, history.toBytes(), Scorer.score(model, lead, history, now));
    }

    /**
     * Scores the leads from their prepared scores (the ingest path: the touch histories kept with
     * them, a batch's new touches added, no activity read) as of {@code now}; the activity is read
     * only for the leads handed to sales, whose LeadQualified shows their last touches.
     */
    public Set<Lead> rescorePrepared(Collection<Lead> leads, Map<UUID, Prepared> prepared, CompiledModel model,
            Instant now) {
        return score(leads, prepared, null, model, false, now);
    }

    private Set<Lead> score(Collection<Lead> leads, Map<UUID, Prepared> prepared, Map<UUID, List<Activity>> activity,
            CompiledModel model, boolean profilesChanged, Instant now) {
        Effects effects = new Effects(now);
        Set<Lead> changed = new LinkedHashSet<>();
        for (Lead lead : leads) {
            Object before = lead.scoreState();
            Prepared p = prepared.get(lead.id);
            lead.scoringTouches = p.kept();
            apply(lead, p, activity == null ? null : activity.getOrDefault(lead.id, List.of()), model, effects);
            if (!before.equals(lead.scoreState())) {
                changed.add(lead);
            }
            if (profilesChanged || changed.contains(lead)) {
                lead.updatedAt = now;
            }
        }
        if (profilesChanged) {
            rows.updateAll(leads);
        } else {
            rows.updateScores(changed);
        }
        List<Outbox.Pending> events = new ArrayList<>(lifecycle.record(effects.changes));
        events.addAll(qualified(effects.handoffs, model, now));
        outbox.publishAll(events);
        timers.scheduleAll(effects.decayAt);
        timers.cancelAll(DecayRefresh.KIND, effects.decayCancelled);
        return changed;
    }

    /** What scoring a batch leads to besides the leads themselves, written once for the batch. */
    private static final class Effects {
        final Instant now;
        final List<Lifecycle.Change> changes = new ArrayList<>();
        /** Announced after the stage changes: a lead's LeadQualified follows its move to MQL. */
        final List<Handoff> handoffs = new ArrayList<>();
        final List<TimerRequest> decayAt = new ArrayList<>();
        final List<String> decayCancelled = new ArrayList<>();

        Effects(Instant now) {
            this.now = now;
        }

        void decay(Lead lead, Optional<Instant> nextChange) {
            if (nextChange.isPresent()) {
                decayAt.add(new TimerRequest(DecayRefresh.KIND, lead.id.toString(), nextChange.get(), null));
            } else {
                decayCancelled.add(lead.id.toString());
            }
        }
    }

    /** @param activities the lead's touches if they were read (for the touches a hand-off shows), else null */
    private void apply(Lead lead, Prepared prepared, List<Activity> activities, CompiledModel model, Effects effects) {
        Instant now = effects.now;
        TouchHistory history = prepared.history();
        Scorer.Score score = prepared.score();
        lead.fitScore = score.fit();
        lead.intentScore = score.intent();
        lead.disqualificationScore = score.disqualification();
        lead.totalScore = score.total();
        lead.scoreBreakdown = score.lines();
        lead.fitTier = score.fitTier();
        lead.accountDomain = lead.accountDomainOf();
        lead.modelVersion = model.version();
        // a recycled lead qualifies again only on intent earned since sales sent it back
        Scorer.Verdict verdict = lead.lifecycleStage == LifecycleStage.RECYCLED && lead.recycledAt != null
                ? Scorer.judge(model.policy(), Scorer.score(model, lead, history.since(lead.recycledAt), now))
                : Scorer.judge(model.policy(), score);
        if (OPEN.contains(lead.lifecycleStage)) {
            LifecycleStage from = lead.lifecycleStage;
            if (score.disqualifiedAs().isPresent()) {
                lead.lifecycleStage = score.disqualifiedAs().get() == Rule.Outcome.ROUTED_ELSEWHERE
                        ? LifecycleStage.ROUTED_ELSEWHERE : LifecycleStage.DISQUALIFIED;
                effects.changes.add(new Lifecycle.Change(lead.id, from, lead.lifecycleStage, disqualifiers(score),
                        lead.source, lead.campaign, now));
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
            effects.changes.add(new Lifecycle.Change(lead.id, from, LifecycleStage.MQL, lead.mqlReason, lead.source,
                    lead.campaign, now));
            if (!verdict.handOff()) {
                effects.decay(lead, decay.nextChange(lead, history, model, now));
            }
        } else if (lead.lifecycleStage != LifecycleStage.MQL || lead.handedOffAt != null) {
            return;
        } else if (!verdict.mql()) {
            // an MQL still in nurture whose intent has faded (decay, windows closing): back to marketing
            lead.lifecycleStage = LifecycleStage.LEAD;
            lead.priority = null;
            effects.changes.add(new Lifecycle.Change(lead.id, LifecycleStage.MQL, LifecycleStage.LEAD,
                    "Intent faded below the threshold: " + verdict.reason(), lead.source, lead.campaign, now));
            return;
        } else if (!verdict.handOff()) {
            effects.decay(lead, decay.nextChange(lead, history, model, now));
            return;
        } else {
            // an MQL kept in nurture (two-tier) took a fast-track action: now it goes to sales
            lead.priority = verdict.priority();
            lead.mqlReason = verdict.reason();
        }
        if (verdict.handOff()) {
            lead.handedOffAt = now;
            effects.handoffs.add(new Handoff(lead, score, activities == null ? null : meaningful(score, activities)));
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

    /** A lead going to sales, and the touches its LeadQualified shows (null: not read yet). */
    private record Handoff(Lead lead, Scorer.Score score, List<Activity> shown) {
    }

    /**
     * The LeadQualified of each hand-off, read once for the batch after the leads are written: the
     * decayed intent of every contact of each account, the form answers of the touches shown.
     */
    private static List<Outbox.Pending> qualified(List<Handoff> handoffs, CompiledModel model, Instant now) {
        if (handoffs.isEmpty()) {
            return List.of();
        }
        List<UUID> unread = handoffs.stream().filter(h -> h.shown() == null).map(h -> h.lead().id).toList();
        if (!unread.isEmpty()) {
            // scored from kept histories: the touches that earned the points are read for these few leads only
            Map<UUID, List<Activity>> activity = Activity.lightOfLeadsSince(unread, now.minus(model.lookback())).stream()
                    .collect(java.util.stream.Collectors.groupingBy(a -> a.leadId));
            handoffs = handoffs.stream().map(h -> {
                if (h.shown() != null) {
                    return h;
                }
                List<Activity> touches = activity.getOrDefault(h.lead().id, List.of());
                Scorer.Score score = Scorer.score(model, h.lead(), touches, now);
                return new Handoff(h.lead(), score, meaningful(score, touches));
            }).toList();
        }
        Set<String> domains = new HashSet<>();
        handoffs.forEach(h -> {
            if (h.lead().accountDomain != null) {
                domains.add(h.lead().accountDomain);
            }
        });
        Map<String, Integer> accountScores = new HashMap<>();
        if (!domains.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> sums = Lead.getEntityManager().createNativeQuery(
                    "select account_domain, coalesce(sum(intent_score), 0) from lead where account_domain in (:d) group by account_domain")
                    .setParameter("d", domains).getResultList();
            sums.forEach(r -> accountScores.put((String) r[0], ((Number) r[1]).intValue()));
        }
        // touches may have been read without their properties (the ingest path): fetch those of the few shown
        Map<String, Map<String, Object>> answers = Activity.propertiesOf(handoffs.stream()
                .flatMap(h -> h.shown().stream()).filter(a -> a.properties == null).map(a -> a.eventId).toList());
        List<Outbox.Pending> events = new ArrayList<>(handoffs.size());
        for (Handoff h : handoffs) {
            Lead lead = h.lead();
            Scorer.Score score = h.score();
            List<LeadQualified.ScoreLine> breakdown = score.lines().stream()
                    .map(l -> new LeadQualified.ScoreLine(l.rule(), l.category(), l.points(), l.description() + ": " + l.detail()))
                    .toList();
            List<LeadQualified.Touch> touches = h.shown().stream()
                    .map(a -> new LeadQualified.Touch(a.type, a.url, a.occurredAt,
                            a.properties != null ? a.properties : answers.get(a.eventId)))
                    .toList();
            events.add(new Outbox.Pending(lead.id.toString(), new LeadQualified(lead.id, lead.email, lead.firstName,
                    lead.lastName, lead.jobTitle, lead.companyName, lead.companyDomain, lead.country, lead.source,
                    lead.campaign, lead.priority, score.fit(), score.intent(), score.total(), lead.mqlReason,
                    model.version(), breakdown, touches, lead.qualifiedAt, score.fitTier(), lead.accountDomain,
                    lead.accountDomain == null ? null : accountScores.getOrDefault(lead.accountDomain, lead.intentScore),
                    lead.industry, lead.employees, lead.attributes.isEmpty() ? null : lead.attributes)));
        }
        return events;
    }
}
