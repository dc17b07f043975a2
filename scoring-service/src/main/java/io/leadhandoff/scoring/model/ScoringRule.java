package io.leadhandoff.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A scoring rule, as data: see V1__leads_activity_model.sql for the meaning of each column. */
@Entity
@Table(name = "scoring_rule")
public class ScoringRule extends PanacheEntityBase {

    public enum Category { FIT, INTENT, DISQUALIFIER }

    public enum Kind { FIELD_IN, NUMBER_RANGE, EMAIL_DOMAIN_IN, ACTIVITY }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "model_id")
    public ScoringModel model;
    @Column(nullable = false)
    public String code;
    @Column(nullable = false)
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    public String field;
    @Column(name = "match_values")
    public String matchValues;
    @Column(name = "min_value")
    public Integer minValue;
    @Column(name = "max_value")
    public Integer maxValue;
    @Column(name = "activity_type")
    public String activityType;
    @Column(name = "url_pattern")
    public String urlPattern;
    @Column(name = "min_count", nullable = false)
    public int minCount;
    @Column(name = "window_days")
    public Integer windowDays;
    @Column(nullable = false)
    public int points;
    @Column(name = "max_points")
    public Integer maxPoints;
}
