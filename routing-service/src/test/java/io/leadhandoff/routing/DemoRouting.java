package io.leadhandoff.routing;

import io.leadhandoff.routing.roster.DemoRoster;
import io.leadhandoff.routing.rule.RuleService;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Puts the demo routing rules back: tests of one application share its database, and another test
 * (the API fuzz among them) may have replaced the rules.
 */
final class DemoRouting {

    private DemoRouting() {
    }

    static void restoreRules() {
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(RuleService.class).get()
                .replace(DemoRoster.RULES, "test"));
    }
}
