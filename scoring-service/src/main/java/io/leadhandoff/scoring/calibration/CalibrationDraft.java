package io.leadhandoff.scoring.calibration;

import io.leadhandoff.common.condition.Condition;
import io.leadhandoff.scoring.model.LeadAttributes;
import io.leadhandoff.scoring.model.ModelDefinition;
import io.leadhandoff.scoring.model.QualificationPolicy;
import io.leadhandoff.scoring.model.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A calibration's suggestion as a draft model: each strong categorical feature becomes a FIT rule
 * on the lead's custom attribute of that column ({@code attributes.Lead Source = Reference}) with
 * the suggested points; each strong numeric feature a FIT rule on a range from where a lead stands
 * one standard deviation above the mean ({@code attributes.TotalVisits >= 8.2}). The (missing) and
 * (other) groups are not turned into rules. The policy is a starting point to backtest: the strongest positive feature alone makes
 * the fit threshold; fast-track types stay the active policy's.
 */
final class CalibrationDraft {

    private CalibrationDraft() {
    }

    static ModelDefinition of(Calibration calibration, QualificationPolicy active) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Calibrator.Feature f : calibration.result.strongest()) {
            boolean numeric = f.value() == null && f.atLeast() != null;
            if (f.suggestedPoints() == 0 || !numeric && (f.value() == null || f.value().equals(Calibrator.MISSING)
                    || f.value().equals(Calibrator.OTHER))) {
                continue;
            }
            String base = slug(f.column() + "-" + (numeric ? "high" : f.value()));
            String id = base;
            for (int n = 2; !ids.add(id); n++) {
                id = base + "-" + n;
            }
            String attribute = LeadAttributes.CUSTOM + f.column();
            Condition condition = numeric
                    ? new Condition.Range(attribute, java.math.BigDecimal.valueOf(f.atLeast()), null)
                    : new Condition.Equals(attribute, f.value(), null);
            String description = numeric
                    ? f.column() + " at least " + f.atLeast() + " (calibrated, coefficient " + f.coefficient() + " per standard deviation)"
                    : f.column() + " is " + f.value() + " (calibrated, coefficient " + f.coefficient() + ")";
            rules.add(new Rule(id, description, Rule.Kind.FIELD, Rule.Feeds.FIT, f.suggestedPoints(), null, condition,
                    null, null, null));
        }
        String name = "Calibrated on " + calibration.settings.outcome() + " (hold-out AUC "
                + String.format(Locale.ROOT, "%.3f", calibration.result.holdOutAuc()) + ")";
        // a starting point to backtest: the strongest positive feature alone qualifies; fast tracks as before
        int strongest = rules.stream().mapToInt(Rule::points).max().orElse(1);
        int minFit = Math.max(1, strongest);
        QualificationPolicy policy = new QualificationPolicy(minFit, 0, null, active.fastTrack(), null, false,
                new QualificationPolicy.FitTiers(2 * minFit, minFit), null);
        return new ModelDefinition(name.length() > 200 ? name.substring(0, 200) : name, rules, policy, Map.of());
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 90 ? s.substring(0, 90) : s.isEmpty() ? "feature" : s;
    }
}
