package io.leadhandoff.common.roster;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who manages which team, as routing's {@link TeamChanged} events say: the read scope of a
 * sales manager in every service that consumes them (a manager reads the leads of the teams they
 * manage now, including leads assigned before they took the team over). Kept in the service's own
 * table {@code team_manager}; an older change never overwrites a newer one.
 */
@ApplicationScoped
public class TeamRoster implements EventHandlers {

    private final EntityManager em;
    private final boolean consumed;

    public TeamRoster(EntityManager em, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.em = em;
        this.consumed = EventType.TEAM_CHANGED.isConsumedBy(service);
    }

    @Override
    public void register(Registrations on) {
        if (consumed) {
            on.event(TeamChanged.class, e -> changed(e.data()));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void changed(TeamChanged team) {
        em.createNativeQuery("""
                insert into team_manager (team_name, team_id, manager_login, manager_email, changed_at)
                values (:name, :id, :manager, :email, :at)
                on conflict (team_name) do update
                set team_id = excluded.team_id, manager_login = excluded.manager_login,
                    manager_email = excluded.manager_email, changed_at = excluded.changed_at
                where team_manager.changed_at <= excluded.changed_at""")
                .setParameter("name", team.name()).setParameter("id", team.teamId())
                .setParameter("manager", team.managerLogin()).setParameter("email", team.managerEmail())
                .setParameter("at", team.changedAt()).executeUpdate();
    }

    /** The teams {@code managerLogin} manages now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> teamsManagedBy(String managerLogin) {
        return em.createNativeQuery("select team_name from team_manager where manager_login = :m order by team_name",
                String.class).setParameter("m", managerLogin).getResultList();
    }

    /** Whether {@code managerLogin} manages {@code team} now (false for no team). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean manages(String managerLogin, String team) {
        return team != null && !em.createNativeQuery(
                "select 1 from team_manager where team_name = :t and manager_login = :m")
                .setParameter("t", team).setParameter("m", managerLogin).getResultList().isEmpty();
    }
}
