package io.leadhandoff.scoring.model;

import java.time.Instant;

/** A model version as the API shows it, with the progress of its re-score after activation. */
public record ModelView(int version, String name, ModelVersion.Status status, ModelDefinition definition,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant activatedAt, Instant retiredAt,
        Rescore rescore) {

    /** Open leads re-scored under this version since it was activated, of how many. */
    public record Rescore(int done, Integer total) {
    }

    static ModelView of(ModelVersion m) {
        return new ModelView(m.version, m.name, m.status, m.definition, m.createdAt, m.createdBy, m.updatedAt,
                m.updatedBy, m.activatedAt, m.retiredAt, new Rescore(m.rescoreDone, m.rescoreTotal));
    }
}
