package io.leadhandoff.sla.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited change of a policy version: who did what, when. */
@Entity
@Table(name = "sla_policy_change")
public class PolicyChange extends PanacheEntityBase {

    public enum Action { CREATED, UPDATED, ACTIVATED, RETIRED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public int version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;
    @Column(nullable = false)
    public String actor;
    @Column(nullable = false)
    public Instant at;
    public String detail;
}
