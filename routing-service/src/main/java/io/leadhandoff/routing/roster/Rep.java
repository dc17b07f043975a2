package io.leadhandoff.routing.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {

    public enum Status { ACTIVE, DEPARTED }

    @Id
    public UUID id;
    /** The rep's OIDC user name. */
    @Column(nullable = false, unique = true)
    public String login;
    @Column(name = "display_name", nullable = false)
    public String displayName;
    public String email;
    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id")
    public Team team;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;
    /** A tier such as SDR, AE, SENIOR_AE: rules may require one. */
    @Column(nullable = false)
    public String seniority = "SDR";
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "product_lines", nullable = false)
    public List<String> productLines = new ArrayList<>();
    /** Country codes or regions (EMEA, AMER, APAC). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> territories = new ArrayList<>();
    /** The rep's share of its pool relative to the others' weights. */
    @Column(nullable = false)
    public int weight = 1;
    /** Leads the rep may be given per day (the rep's own day); null: no limit. */
    @Column(name = "daily_capacity")
    public Integer dailyCapacity;
    /** Open assignments the rep may hold at once; null: no limit. */
    @Column(name = "open_cap")
    public Integer openCap;
    /** Null: the rep is reachable at any hour. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "working_hours")
    public WorkingHours workingHours;
    /** A Slack-compatible incoming webhook for this rep's own notices; optional. */
    @Column(name = "webhook_url")
    public String webhookUrl;
    /** Smooth weighted round robin: the rep's running credit in its team's pool. */
    @Column(name = "rr_credit", nullable = false)
    public double rrCredit;

    public boolean departed() {
        return status == Status.DEPARTED;
    }

    public static List<Rep> activeIn(Team team) {
        return list("team = ?1 and status = ?2 order by login", team, Status.ACTIVE);
    }
}
