package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Facts;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Evaluates a compiled model against a lead and its touches as of an instant. Pure: no I/O. */
public final class Scorer {

    /** Activity older than this never counts, whatever a rule's window says. */
    public static final Duration HORIZON = Duration.ofDays(365);

    private Scorer() {
    }

    /**
     * @param disqualifiedAs     where a disqualifier sends the lead, if one fired
     * @param fastTrack          the newest touch of a fast-track type (demo request, ...), if any
     * @param meaningfulActivity event ids of the touches that earned or cost points
     */
    public record Score(int fit, int intent, int disqualification, List<ScoreLine> lines,
            Optional<Rule.Outcome> disqualifiedAs, Optional<Activity> fastTrack, Set<String> meaningfulActivity,
            String fitTier) {

        public int total() {
            return fit + intent + disqualification;
        }
    }

    /** Whether the score makes an MQL, whether sales gets it now, how urgent, and why, in one line. */
    public record Verdict(boolean mql, boolean handOff, Priority priority, String reason) {
    }

    /** @param activities the lead's touches within the model's look-back (more do no harm), any order */
    public static Score score(CompiledModel model, Lead lead, List<Activity> activities, Instant asOf) {
        return score(model, lead, TouchHistory.of(model, activities, asOf), asOf);
    }

    /** Scores from what the rules see of the lead's touches (kept with the lead, or built from its activity). */
    public static Score score(CompiledModel model, Lead lead, TouchHistory touches, Instant asOf) {
        double fit = 0;
        double intent = 0;
        double disqualification = 0;
        Optional<Rule.Outcome> disqualifiedAs = Optional.empty();
        List<ScoreLine> lines = new ArrayList<>();
        Set<String> meaningful = new LinkedHashSet<>();
        Facts facts = LeadAttributes.of(lead);
        QualificationPolicy.Decay decay = model.policy().decay();
        for (CompiledModel.Compiled rule : model.rules) {
            Optional<Hit> hit = evaluate(model, rule, lead, facts, touches, asOf,
                    rule.rule().feeds() == Rule.Feeds.INTENT ? decay : null);
            if (hit.isEmpty()) {
                continue;
            }
            double points = hit.get().points();
            int shown = (int) Math.round(points);
            lines.add(new ScoreLine(rule.rule().id(), rule.rule().describe(), rule.rule().feeds().name(), shown,
                    hit.get().detail()));
            meaningful.addAll(hit.get().activityIds());
            switch (rule.rule().feeds()) {
                case FIT -> fit += points;
                case INTENT -> intent += points;
                case DISQUALIFY -> {
                    disqualification += points;
                    Rule.Outcome outcome = rule.rule().outcome() == null ? Rule.Outcome.DISQUALIFIED : rule.rule().outcome();
                    // a lead routed elsewhere is not also "disqualified": the more specific destination wins
                    if (disqualifiedAs.isEmpty() || outcome == Rule.Outcome.ROUTED_ELSEWHERE) {
                        disqualifiedAs = Optional.of(outcome);
                    }
                }
            }
        }
        Optional<Activity> fastTrack = touches.fastTrack(model, asOf);
        fastTrack.filter(a -> a.eventId != null).ifPresent(a -> meaningful.add(a.eventId));
        int fitPoints = (int) Math.round(fit);
        QualificationPolicy.FitTiers tiers = model.policy().fitTiers();
        String tier = fitPoints >= tiers.a() ? "A" : fitPoints >= tiers.b() ? "B" : "C";
        return new Score(fitPoints, (int) Math.round(intent), (int) Math.round(disqualification), List.copyOf(lines),
                disqualifiedAs, fastTrack, meaningful, tier);
    }

    /** The policy's judgement of a score. */
    public static Verdict judge(QualificationPolicy policy, Score score) {
        if (score.disqualifiedAs().isPresent()) {
            return new Verdict(false, false, null, "Disqualified: " + score.disqualifiedAs().get());
        }
        boolean byScores = (score.fit() >= policy.minFit() && score.intent() >= policy.minIntent())
                || (policy.minTotal() != null && score.total() >= policy.minTotal());
        String thresholds = "fit " + score.fit() + (score.fit() >= policy.minFit() ? " >= " : " < ") + policy.minFit()
                + ", intent " + score.intent() + (score.intent() >= policy.minIntent() ? " >= " : " < ")
                + policy.minIntent() + (policy.minTotal() == null ? "" : ", total " + score.total()
                        + (score.total() >= policy.minTotal() ? " >= " : " < ") + policy.minTotal());
        if (score.fastTrack().isPresent()) {
            Activity a = score.fastTrack().get();
            return new Verdict(true, true, Priority.HOT,
                    "Fast track: " + a.type.replace('_', ' ') + " at " + a.occurredAt + " (" + thresholds + ")");
        }
        if (!byScores) {
            return new Verdict(false, false, null, "Below the thresholds (" + thresholds + ")");
        }
        Priority priority = policy.highIntent() != null && score.intent() >= policy.highIntent() ? Priority.HIGH
                : Priority.WARM;
        // two-tier: qualified by scores, the lead stays in nurture until a fast-track touch
        return new Verdict(true, !policy.twoTier(), priority, "Fit and intent thresholds met (" + thresholds + ")");
    }

    private record Hit(double points, String detail, List<String> activityIds) {
    }

    private static Optional<Hit> evaluate(CompiledModel model, CompiledModel.Compiled rule, Lead lead, Facts facts,
            TouchHistory touches, Instant asOf, QualificationPolicy.Decay decay) {
        Rule r = rule.rule();
        return switch (r.kind()) {
            case FIELD -> rule.lead().test(facts)
                    ? Optional.of(new Hit(r.points(), fieldDetail(r, facts), List.of())) : Optional.empty();
            case EMAIL_DOMAIN -> lead.emailDomain() != null && rule.domains().contains(lead.emailDomain())
                    ? Optional.of(new Hit(r.points(), "email domain " + lead.emailDomain() + " is in the "
                            + r.domainList() + " list", List.of()))
                    : Optional.empty();
            case BEHAVIOUR -> rule.pairs() ? together(rule, touches, asOf.minus(model.lookback()), asOf, decay)
                    : repeated(rule, touches.matching(rule.firstPattern()), asOf, decay);
        };
    }

    /** The values the condition looked at, so the rep sees why (e.g. "industry = Software"). */
    private static String fieldDetail(Rule rule, Facts facts) {
        List<String> parts = new ArrayList<>();
        for (String a : LeadAttributes.names(rule.condition())) {
            parts.add(a + " = " + facts.get(a));
        }
        return String.join(", ", parts);
    }

    private static Instant since(Rule.Behaviour b, Instant asOf) {
        return b.windowDays() == null ? asOf.minus(HORIZON) : asOf.minus(Duration.ofDays(b.windowDays()));
    }

    /** One pattern: every {@code minCount} matching touches in the window earn the points again, up to the cap. */
    private static Optional<Hit> repeated(CompiledModel.Compiled rule, List<TouchHistory.Seen> seen, Instant asOf,
            QualificationPolicy.Decay decay) {
        Rule r = rule.rule();
        Rule.Behaviour b = r.behaviour();
        Instant since = since(b, asOf);
        List<TouchHistory.Seen> matching = seen.stream().filter(t -> !t.at().isBefore(since) && !t.at().isAfter(asOf)).toList();
        int minCount = b.minCount() == null ? 1 : b.minCount();
        int groups = matching.size() / minCount;
        if (groups == 0) {
            return Optional.empty();
        }
        double points = 0;
        for (int g = 0; g < groups; g++) {
            // a group counts from the touch that completed it (the newest of the group)
            points += r.points() * factor(decay, matching.get(g * minCount).at(), asOf);
        }
        points = cap(points, r.cap());
        String detail = matching.size() + " x " + b.eventType() + (b.url() == null ? "" : " " + b.url())
                + (b.windowDays() == null ? "" : " within " + b.windowDays() + " days")
                + (groups > 1 ? ", earned " + groups + " times" : "")
                + (r.cap() != null && Math.abs(points) >= Math.abs(r.cap()) ? " (capped at " + r.cap() + ")" : "")
                + decayNote(decay);
        return Optional.of(new Hit(points, detail, ids(matching.subList(0, groups * minCount))));
    }

    /**
     * Several patterns inside one window: the newest window (within the look-back) holding a touch of
     * each earns the points once.
     */
    private static Optional<Hit> together(CompiledModel.Compiled rule, TouchHistory touches, Instant since, Instant asOf,
            QualificationPolicy.Decay decay) {
        Rule r = rule.rule();
        Duration window = Duration.ofDays(r.behaviour().windowDays());
        List<List<TouchHistory.Seen>> usable = new ArrayList<>();
        for (int p = 0; p < rule.touches().size(); p++) {
            usable.add(touches.matching(rule.firstPattern() + p).stream()
                    .filter(t -> !t.at().isBefore(since) && !t.at().isAfter(asOf)).toList());
        }
        // every usable touch of any pattern may close a window, the newest first
        List<Instant> anchors = usable.stream().flatMap(List::stream).map(TouchHistory.Seen::at).distinct()
                .sorted(java.util.Comparator.reverseOrder()).toList();
        for (Instant anchor : anchors) {
            Instant start = anchor.minus(window);
            List<TouchHistory.Seen> found = new ArrayList<>();
            for (List<TouchHistory.Seen> pattern : usable) {
                pattern.stream().filter(t -> !t.at().isAfter(anchor) && !t.at().isBefore(start)).findFirst()
                        .ifPresent(found::add);
            }
            if (found.size() == usable.size()) {
                double points = cap(r.points() * factor(decay, anchor, asOf), r.cap());
                String detail = r.behaviour().allOf().stream()
                        .map(t -> t.eventType() + (t.url() == null ? "" : " " + t.url()))
                        .reduce((x, y) -> x + " and " + y).orElse("")
                        + " within " + r.behaviour().windowDays() + " days" + decayNote(decay);
                return Optional.of(new Hit(points, detail, ids(found)));
            }
        }
        return Optional.empty();
    }

    /** The event ids of these touches, where known. */
    private static List<String> ids(List<TouchHistory.Seen> seen) {
        return seen.stream().map(TouchHistory.Seen::eventId).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** How much of its points a touch keeps at {@code asOf}: 1 without decay. */
    static double factor(QualificationPolicy.Decay decay, Instant at, Instant asOf) {
        if (decay == null) {
            return 1;
        }
        double days = Math.max(0, Duration.between(at, asOf).toSeconds() / 86_400.0);
        return switch (decay.mode()) {
            case HALF_LIFE -> Math.pow(0.5, days / decay.days());
            case LINEAR -> Math.max(0, 1 - days / decay.days());
        };
    }

    private static String decayNote(QualificationPolicy.Decay decay) {
        return decay == null ? "" : decay.mode() == QualificationPolicy.DecayMode.HALF_LIFE
                ? " (halving every " + decay.days() + " days)" : " (fading to 0 over " + decay.days() + " days)";
    }

    private static double cap(double points, Integer cap) {
        if (cap == null) {
            return points;
        }
        return points >= 0 ? Math.min(points, cap) : Math.max(points, cap);
    }
}
