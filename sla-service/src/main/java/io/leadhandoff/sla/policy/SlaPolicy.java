package io.leadhandoff.sla.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A version of the SLA policy: a draft being written, the one active version, or a retired one. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends PanacheEntityBase {

    public enum Status { DRAFT, ACTIVE, RETIRED }

    @Id
    public int version;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public PolicyDefinition definition;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
