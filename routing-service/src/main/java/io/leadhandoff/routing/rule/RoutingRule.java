package io.leadhandoff.routing.rule;

import io.leadhandoff.common.condition.Condition;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {
    @Id
    public UUID id;
    /** First match wins, in this order. */
    @Column(nullable = false, unique = true)
    public int position;
    @Column(nullable = false)
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public Condition condition;
    @Enumerated(EnumType.STRING)
    @Column(name = "target_kind", nullable = false)
    public RuleDefinition.TargetKind targetKind;
    @Column(nullable = false)
    public String target;
    public String seniority;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "match_on", nullable = false)
    public List<RuleDefinition.Match> matchOn = new ArrayList<>();

    public RuleDefinition definition() {
        return new RuleDefinition(name, condition, targetKind, target, seniority, List.copyOf(matchOn));
    }

    public static List<RoutingRule> ordered() {
        return list("order by position");
    }
}
