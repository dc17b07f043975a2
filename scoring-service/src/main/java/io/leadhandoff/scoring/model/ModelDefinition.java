package io.leadhandoff.scoring.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What a model version says, as marketing and RevOps write it: its rules, its qualification
 * policy, and the domain lists its e-mail domain rules refer to (besides the shipped
 * {@value Rule#PERSONAL_DOMAINS} list), e.g. {@code competitor} and {@code customer}. Stored as
 * JSON with the version; checked by {@link ModelValidator} on save.
 */
public record ModelDefinition(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 300) List<@NotNull @Valid Rule> rules,
        @NotNull @Valid QualificationPolicy policy,
        Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 10_000) List<@NotBlank @Size(max = 255) String>> domainLists) {

    public ModelDefinition {
        domainLists = domainLists == null ? Map.of() : domainLists;
    }

    /** An empty draft: no rules, thresholds nobody meets until they are set. */
    public static ModelDefinition empty(String name) {
        return new ModelDefinition(name, List.of(), QualificationPolicy.defaults(), Map.of());
    }
}
