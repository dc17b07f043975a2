package io.leadhandoff.routing.rule;

import io.leadhandoff.common.condition.Condition;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One routing rule: leads matching {@code condition} (every lead when it is null: a default rule)
 * go to a target: a team's pool (optionally only its reps of one {@code seniority} tier, and only
 * those covering the lead's language, product line or territory), a named rep, or a queue.
 */
public record RuleDefinition(
        @NotBlank @Size(max = 200) String name,
        Condition condition,
        @NotNull TargetKind targetKind,
        @NotBlank @Size(max = 200) String target,
        @Size(max = 30) String seniority,
        @Size(max = 3) List<@NotNull Match> matchOn) {

    public enum TargetKind { TEAM, REP, QUEUE }

    /** What a pool's reps must cover of the lead. */
    public enum Match { LANGUAGE, PRODUCT_LINE, TERRITORY }

    public List<Match> matchOn() {
        return matchOn == null ? List.of() : matchOn;
    }
}
