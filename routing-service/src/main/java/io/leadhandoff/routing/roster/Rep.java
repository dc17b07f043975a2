package io.leadhandoff.routing.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {
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
    public boolean active;

    public static List<Rep> activeIn(Team team) {
        return list("team = ?1 and active = true order by login", team);
    }
}
