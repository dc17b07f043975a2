package io.leadhandoff.routing.roster;

import io.leadhandoff.routing.RoutingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Seeds team "Inbound EMEA" (manager maria, reps sam and sue) when routing.demo-roster is on. */
@ApplicationScoped
public class DemoRoster {

    private final RoutingConfig config;
    private final EntityManager em;

    public DemoRoster(RoutingConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    @Transactional
    void seed(@Observes StartupEvent event) {
        if (!config.demoRoster()) {
            return;
        }
        // idempotent, and safe when two replicas start at once
        em.createNativeQuery("""
                insert into team (id, name, manager_login, manager_email) values
                  ('00000000-0000-0000-0000-00000000e001', 'Inbound EMEA', 'maria', 'maria@lead-handoff.example')
                on conflict (id) do update set manager_email = coalesce(team.manager_email, excluded.manager_email)""")
                .executeUpdate();
        em.createNativeQuery("""
                insert into rep (id, login, display_name, email, team_id, active) values
                  ('00000000-0000-0000-0000-00000000a001', 'sam', 'Sam Rivera', 'sam@lead-handoff.example', '00000000-0000-0000-0000-00000000e001', true),
                  ('00000000-0000-0000-0000-00000000a002', 'sue', 'Sue Chen', 'sue@lead-handoff.example', '00000000-0000-0000-0000-00000000e001', true)
                on conflict do nothing""").executeUpdate();
    }
}
