package io.leadhandoff.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.common.error.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid rules are named with what is wrong, so the 422 tells the author where to look. */
class ModelValidatorTest {

    static List<Problem.Violation> violations(Rule... rules) {
        return ModelValidator.validate(new ModelDefinition("m", List.of(rules), QualificationPolicy.defaults(), Map.of()));
    }

    static void refused(String field, String message, Rule... rules) {
        List<Problem.Violation> v = violations(rules);
        assertTrue(v.stream().anyMatch(x -> x.field().startsWith(field) && x.message().contains(message)), v.toString());
    }

    @Test
    void eachKindNeedsWhatItLooksAt() {
        refused("rules[0] (f).condition", "needs a condition",
                new Rule("f", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 5, null, null, null, null, null));
        refused("rules[0] (f).condition", "unknown attribute 'shoeSize'",
                new Rule("f", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 5, null, new Condition.Present("shoeSize"), null, null, null));
        assertEquals(List.of(), violations(new Rule("custom", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 5, null,
                new Condition.Present("attributes.Budget"), null, null, null)), "a custom attribute is fine");
        refused("rules[0] (d).domainList", "unknown list 'partners'",
                new Rule("d", null, Rule.Kind.EMAIL_DOMAIN, Rule.Feeds.FIT, 5, null, null, "partners", null, null));
        refused("rules[0] (b).behaviour.minCount", "a window needs a count",
                new Rule("b", null, Rule.Kind.BEHAVIOUR, Rule.Feeds.INTENT, 5, null, null, null,
                        new Rule.Behaviour("page_view", null, null, null, 14, null), null));
        refused("rules[0] (b).behaviour.url", "regex does not compile",
                new Rule("b", null, Rule.Kind.BEHAVIOUR, Rule.Feeds.INTENT, 5, null, null, null,
                        new Rule.Behaviour("page_view", "([a-z", Rule.UrlMatch.REGEX, 1, 14, null), null));
    }

    @Test
    void pointsCapsAndOutcomesMustAgree() {
        refused("rules[0] (c).cap", "side of the points",
                new Rule("c", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 10, 5, new Condition.Present("country"), null, null, null));
        refused("rules[0] (q).points", "takes points away",
                new Rule("q", null, Rule.Kind.FIELD, Rule.Feeds.DISQUALIFY, 10, null, new Condition.Present("country"), null, null, null));
        refused("rules[1] (x).id", "used by another rule",
                new Rule("x", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 1, null, new Condition.Present("country"), null, null, null),
                new Rule("x", null, Rule.Kind.FIELD, Rule.Feeds.FIT, 1, null, new Condition.Present("industry"), null, null, null));
        assertEquals(List.of(), violations(new Rule("ok", null, Rule.Kind.EMAIL_DOMAIN, Rule.Feeds.DISQUALIFY, -100, null,
                null, Rule.PERSONAL_DOMAINS, null, Rule.Outcome.DISQUALIFIED)));
    }
}
