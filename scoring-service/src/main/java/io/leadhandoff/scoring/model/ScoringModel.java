package io.leadhandoff.scoring.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "scoring_model")
public class ScoringModel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, unique = true)
    public int version;
    @Column(nullable = false)
    public String name;
    public boolean active;
    @Column(name = "mql_min_fit", nullable = false)
    public int mqlMinFit;
    @Column(name = "mql_min_intent", nullable = false)
    public int mqlMinIntent;
    @Column(name = "fast_track_types", nullable = false)
    public String fastTrackTypes;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @OneToMany(mappedBy = "model", fetch = FetchType.EAGER)
    @OrderBy("id")
    public List<ScoringRule> rules;

    public Set<String> fastTrack() {
        return Arrays.stream(fastTrackTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
