package io.leadhandoff.scoring.model;

import java.time.Instant;

/** One line of the model list. */
public record ModelSummary(int version, String name, ModelVersion.Status status, int rules, Instant updatedAt,
        String updatedBy, Instant activatedAt) {

    static ModelSummary of(ModelVersion m) {
        return new ModelSummary(m.version, m.name, m.status, m.definition.rules().size(), m.updatedAt, m.updatedBy,
                m.activatedAt);
    }
}
