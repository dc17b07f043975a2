package io.leadhandoff.sla.policy;

import java.time.Instant;

/** A policy version as the API shows it. */
public record PolicyView(int version, String name, SlaPolicy.Status status, PolicyDefinition definition, Instant createdAt,
        String createdBy, Instant updatedAt, String updatedBy, Instant activatedAt, Instant retiredAt) {

    static PolicyView of(SlaPolicy p) {
        return new PolicyView(p.version, p.name, p.status, p.definition, p.createdAt, p.createdBy, p.updatedAt, p.updatedBy,
                p.activatedAt, p.retiredAt);
    }
}
