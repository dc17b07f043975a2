package io.leadhandoff.scoring.model;

import io.leadhandoff.common.condition.Conditions;
import io.leadhandoff.common.error.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a model must satisfy beyond its JSON shape, each problem named by the rule it is in:
 * unique rule ids, the fields each kind needs (a condition, a known domain list, a behaviour),
 * conditions over known attributes, regexes that compile, a window only with a count, a cap on
 * the side of its points, disqualifiers that take points away.
 */
public final class ModelValidator {

    private ModelValidator() {
    }

    public static List<Problem.Violation> validate(ModelDefinition model) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < model.rules().size(); i++) {
            Rule rule = model.rules().get(i);
            String at = "rules[" + i + "] (" + rule.id() + ")";
            if (!ids.add(rule.id())) {
                violations.add(new Problem.Violation(at + ".id", "is used by another rule of this model"));
            }
            check(rule, model, at, violations);
        }
        QualificationPolicy policy = model.policy();
        if (policy.fitTiers().a() < policy.fitTiers().b()) {
            violations.add(new Problem.Violation("policy.fitTiers", "tier A must start at or above tier B"));
        }
        if (policy.highIntent() != null && policy.highIntent() < policy.minIntent()) {
            violations.add(new Problem.Violation("policy.highIntent", "must be at least minIntent"));
        }
        return violations;
    }

    private static void check(Rule rule, ModelDefinition model, String at, List<Problem.Violation> violations) {
        if (rule.cap() != null && (rule.points() >= 0 ? rule.cap() < rule.points() : rule.cap() > rule.points())) {
            violations.add(new Problem.Violation(at + ".cap", "must be on the side of the points and at least as far from 0"));
        }
        if (rule.feeds() == Rule.Feeds.DISQUALIFY && rule.points() > 0) {
            violations.add(new Problem.Violation(at + ".points", "a disqualifier takes points away (0 or less)"));
        }
        if (rule.feeds() != Rule.Feeds.DISQUALIFY && rule.outcome() != null) {
            violations.add(new Problem.Violation(at + ".outcome", "only a DISQUALIFY rule says where the lead goes"));
        }
        switch (rule.kind()) {
            case FIELD -> {
                if (rule.condition() == null) {
                    violations.add(new Problem.Violation(at + ".condition", "a FIELD rule needs a condition"));
                } else {
                    Conditions.validate(rule.condition(), LeadAttributes.allowedFor(rule.condition())).forEach(v -> violations.add(
                            new Problem.Violation(at + "." + v.path(), v.message())));
                }
            }
            case EMAIL_DOMAIN -> {
                if (rule.domainList() == null) {
                    violations.add(new Problem.Violation(at + ".domainList", "an EMAIL_DOMAIN rule needs a domain list"));
                } else if (!Rule.PERSONAL_DOMAINS.equals(rule.domainList()) && !model.domainLists().containsKey(rule.domainList())) {
                    violations.add(new Problem.Violation(at + ".domainList", "unknown list '" + rule.domainList()
                            + "': use '" + Rule.PERSONAL_DOMAINS + "' or one of " + model.domainLists().keySet()));
                }
            }
            case BEHAVIOUR -> behaviour(rule.behaviour(), at + ".behaviour", violations);
        }
    }

    private static void behaviour(Rule.Behaviour b, String at, List<Problem.Violation> violations) {
        if (b == null) {
            violations.add(new Problem.Violation(at, "a BEHAVIOUR rule needs a behaviour"));
            return;
        }
        boolean several = b.allOf() != null && !b.allOf().isEmpty();
        if (several == (b.eventType() != null)) {
            violations.add(new Problem.Violation(at, "needs either an eventType or allOf (several touches), not both"));
        }
        if (b.windowDays() != null && b.minCount() == null && !several) {
            violations.add(new Problem.Violation(at + ".minCount", "a window needs a count (how many touches within it)"));
        }
        if (several && b.windowDays() == null) {
            violations.add(new Problem.Violation(at + ".windowDays", "allOf needs the window its touches must share"));
        }
        pattern(b.url(), b.match(), at + ".url", violations);
        if (several) {
            for (int i = 0; i < b.allOf().size(); i++) {
                pattern(b.allOf().get(i).url(), b.allOf().get(i).match(), at + ".allOf[" + i + "].url", violations);
            }
        }
    }

    private static void pattern(String url, Rule.UrlMatch match, String at, List<Problem.Violation> violations) {
        if (url != null && match == Rule.UrlMatch.REGEX) {
            try {
                Pattern.compile(url);
            } catch (PatternSyntaxException e) {
                violations.add(new Problem.Violation(at, "regex does not compile: " + e.getDescription()));
            }
        }
    }
}
