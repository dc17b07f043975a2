package io.leadhandoff.routing.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, unique = true)
    public String name;
    @Column(name = "manager_login", nullable = false)
    public String managerLogin;
    @Column(name = "manager_email")
    public String managerEmail;
    /** A Slack-compatible incoming webhook told of every new assignment; optional. */
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "rr_cursor", nullable = false)
    public long rrCursor;

    /** When none of the team's reps works now: skip hours (give it to a rep anyway), or queue until one starts. */
    public enum OutsideHours { SKIP, QUEUE }

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "outside_hours", nullable = false)
    public OutsideHours outsideHours = OutsideHours.SKIP;
}
