package io.leadhandoff.routing.roster;

import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.outbox.Outbox;
import io.leadhandoff.routing.RoutingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.UUID;

/** Seeds team "Inbound EMEA" (manager maria, reps sam and sue) when routing.demo-roster is on. */
@ApplicationScoped
public class DemoRoster {

    private static final UUID INBOUND_EMEA = UUID.fromString("00000000-0000-0000-0000-00000000e001");

    private final RoutingConfig config;
    private final EntityManager em;
    private final Outbox outbox;
    private final InstantSource clock;

    public DemoRoster(RoutingConfig config, EntityManager em, Outbox outbox, InstantSource clock) {
        this.config = config;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void seed(@Observes StartupEvent event) {
        if (!config.demoRoster()) {
            return;
        }
        // idempotent, and safe when two replicas start at once
        int changed = em.createNativeQuery("""
                insert into team (id, name, manager_login, manager_email) values
                  (:id, 'Inbound EMEA', 'maria', 'maria@lead-handoff.example')
                on conflict (id) do update set manager_email = excluded.manager_email
                where team.manager_email is distinct from excluded.manager_email""")
                .setParameter("id", INBOUND_EMEA).executeUpdate();
        if (changed > 0) {
            // the services that scope reads by team learn who manages it
            Team team = Team.findById(INBOUND_EMEA);
            outbox.publish(team.id.toString(), new TeamChanged(team.id, team.name, team.managerLogin, team.managerEmail,
                    clock.instant()));
        }
        em.createNativeQuery("""
                insert into rep (id, login, display_name, email, team_id, active) values
                  ('00000000-0000-0000-0000-00000000a001', 'sam', 'Sam Rivera', 'sam@lead-handoff.example', '00000000-0000-0000-0000-00000000e001', true),
                  ('00000000-0000-0000-0000-00000000a002', 'sue', 'Sue Chen', 'sue@lead-handoff.example', '00000000-0000-0000-0000-00000000e001', true)
                on conflict do nothing""").executeUpdate();
    }
}
