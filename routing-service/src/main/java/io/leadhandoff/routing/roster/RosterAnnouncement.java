package io.leadhandoff.routing.roster;

import io.leadhandoff.common.event.RepChanged;
import io.leadhandoff.common.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.time.InstantSource;

/**
 * At each start, every rep as the roster holds them now, as {@link RepChanged}: a service that
 * audits routing against the roster (reporting) learns reps created before it was deployed, or
 * while it was away. Later changes are announced as they happen (RosterService). After the demo
 * roster is seeded (a later priority).
 */
@ApplicationScoped
public class RosterAnnouncement {

    private final Outbox outbox;
    private final InstantSource clock;

    public RosterAnnouncement(Outbox outbox, InstantSource clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void announce(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        var now = clock.instant();
        // one statement for the outbox, one query for the reps and their teams
        outbox.publishAll(Rep.<Rep>find("from Rep r join fetch r.team order by r.login").stream()
                .map(rep -> new Outbox.Pending(rep.login, new RepChanged(rep.login, rep.team.name, rep.status.name(),
                        rep.weight, now)))
                .toList());
    }
}
