package io.leadhandoff.scoring.model;

import io.leadhandoff.scoring.activity.Activity;
import io.leadhandoff.scoring.lead.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Evaluates a scoring model's rules against a lead and its activity. Pure: no I/O. */
public final class Scorer {

    /** Activity older than this never counts, whatever a rule's window says. */
    public static final Duration HORIZON = Duration.ofDays(365);

    private Scorer() {
    }

    /**
     * @param fastTrack           the newest activity of a fast-track type (demo request, ...), if any
     * @param meaningfulActivity  event ids of the activities that earned or cost points
     */
    public record Score(int fit, int intent, int disqualification, List<ScoreLine> lines,
            Optional<Activity> fastTrack, Set<String> meaningfulActivity) {

        public int total() {
            return fit + intent + disqualification;
        }
    }

    /** @param activities the lead's activity within {@link #HORIZON}, newest first */
    public static Score score(ScoringModel model, Lead lead, List<Activity> activities, Instant now) {
        int fit = 0;
        int intent = 0;
        int disqualification = 0;
        List<ScoreLine> lines = new ArrayList<>();
        Set<String> meaningful = new HashSet<>();
        for (ScoringRule rule : model.rules) {
            Optional<Hit> hit = evaluate(rule, lead, activities, now);
            if (hit.isEmpty()) {
                continue;
            }
            int points = hit.get().points();
            lines.add(new ScoreLine(rule.code, rule.description, rule.category.name(), points, hit.get().detail()));
            meaningful.addAll(hit.get().activityIds());
            switch (rule.category) {
                case FIT -> fit += points;
                case INTENT -> intent += points;
                case DISQUALIFIER -> disqualification += points;
            }
        }
        Set<String> fastTrackTypes = model.fastTrack();
        Optional<Activity> fastTrack = activities.stream().filter(a -> fastTrackTypes.contains(a.type)).findFirst();
        fastTrack.ifPresent(a -> meaningful.add(a.eventId));
        return new Score(fit, intent, disqualification, List.copyOf(lines), fastTrack, meaningful);
    }

    private record Hit(int points, String detail, List<String> activityIds) {
    }

    private static Optional<Hit> evaluate(ScoringRule rule, Lead lead, List<Activity> activities, Instant now) {
        return switch (rule.kind) {
            case FIELD_IN -> {
                String value = field(lead, rule.field);
                yield value != null && values(rule).contains(value.trim().toLowerCase(Locale.ROOT))
                        ? Optional.of(new Hit(rule.points, rule.field + " = " + value, List.of()))
                        : Optional.empty();
            }
            case NUMBER_RANGE -> {
                Integer value = "employees".equals(rule.field) ? lead.employees : null;
                boolean in = value != null && (rule.minValue == null || value >= rule.minValue)
                        && (rule.maxValue == null || value <= rule.maxValue);
                yield in ? Optional.of(new Hit(rule.points, rule.field + " = " + value, List.of())) : Optional.empty();
            }
            case EMAIL_DOMAIN_IN -> values(rule).contains(lead.emailDomain())
                    ? Optional.of(new Hit(rule.points, "email domain " + lead.emailDomain(), List.of()))
                    : Optional.empty();
            case ACTIVITY -> activity(rule, activities, now);
        };
    }

    private static Optional<Hit> activity(ScoringRule rule, List<Activity> activities, Instant now) {
        Instant since = rule.windowDays == null ? now.minus(HORIZON) : now.minus(Duration.ofDays(rule.windowDays));
        List<Activity> matching = activities.stream()
                .filter(a -> !a.occurredAt.isBefore(since))
                .filter(a -> rule.activityType == null || rule.activityType.equals(a.type))
                .filter(a -> rule.urlPattern == null
                        || (a.url != null && a.url.toLowerCase(Locale.ROOT).contains(rule.urlPattern.toLowerCase(Locale.ROOT))))
                .toList();
        int minCount = Math.max(1, rule.minCount);
        if (matching.size() < minCount) {
            return Optional.empty();
        }
        int points = rule.maxPoints == null ? rule.points
                : cap(rule.points * (matching.size() / minCount), rule.maxPoints);
        String detail = matching.size() + " x " + (rule.activityType == null ? "activity" : rule.activityType)
                + (rule.urlPattern == null ? "" : " on *" + rule.urlPattern + "*")
                + (rule.windowDays == null ? "" : " within " + rule.windowDays + " days");
        return Optional.of(new Hit(points, detail, matching.stream().map(a -> a.eventId).toList()));
    }

    private static int cap(int points, int max) {
        return points >= 0 ? Math.min(points, max) : Math.max(points, -Math.abs(max));
    }

    private static Set<String> values(ScoringRule rule) {
        return rule.matchValues == null ? Set.of()
                : Arrays.stream(rule.matchValues.split(",")).map(v -> v.trim().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
    }

    private static String field(Lead lead, String name) {
        return switch (name) {
            case "industry" -> lead.industry;
            case "seniority" -> lead.seniority;
            case "jobTitle" -> lead.jobTitle;
            case "country" -> lead.country;
            case "source" -> lead.source;
            case "campaign" -> lead.campaign;
            case "companyDomain" -> lead.companyDomain;
            default -> null;
        };
    }
}
