package io.leadhandoff.sla.clock;

import io.leadhandoff.common.notification.NotificationRequest;
import io.leadhandoff.common.notification.Notifications;
import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.common.timer.Timers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each manager's daily digest of their open breaches (breached clocks whose step has not happened
 * since), by e-mail at {@code sla.digest-at} UTC. A shared timer that reschedules itself for the
 * next day: one digest per manager and day, whichever replica sends it.
 */
@ApplicationScoped
public class BreachDigest implements TimerHandler {

    static final String KIND = "sla.digest";
    static final String KEY = "daily";

    private final EntityManager em;
    private final Timers timers;
    private final Notifications notifications;
    private final SlaConfig config;
    private final InstantSource clock;

    public BreachDigest(EntityManager em, Timers timers, Notifications notifications, SlaConfig config, InstantSource clock) {
        this.em = em;
        this.timers = timers;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The next digest instant after {@code now}. */
    Instant next(Instant now) {
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(config.digestAt()).toInstant(ZoneOffset.UTC);
        return today.isAfter(now) ? today : today.plus(java.time.Duration.ofDays(1));
    }

    @Transactional
    void schedule(@Observes StartupEvent started) {
        if (timers.dueAt(KIND, KEY).isEmpty()) {
            timers.schedule(KIND, KEY, next(clock.instant()));
        }
    }

    @Override
    public void fire(List<DueTimer> due) {
        Instant now = clock.instant();
        send(now);
        timers.schedule(KIND, KEY, next(now));
    }

    /** Sends today's digests: one e-mail per manager with open breaches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int send(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select manager_email, manager_login, lead_id, kind, owner_login, priority, due_at, breached_at
                from sla_clock where status = 'BREACHED' and resolved_at is null and manager_email is not null
                order by manager_email, breached_at""").getResultList();
        Map<String, List<Object[]>> byManager = new LinkedHashMap<>();
        rows.forEach(r -> byManager.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r));
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<NotificationRequest> digests = new ArrayList<>();
        byManager.forEach((email, breaches) -> {
            StringBuilder body = new StringBuilder("Hi " + breaches.get(0)[1] + ",\n\n" + breaches.size()
                    + " SLA breaches of your team are still open on " + day + ":\n\n");
            for (Object[] b : breaches) {
                body.append("- ").append(b[5]).append(" lead ").append(b[2]).append(": ")
                        .append(((String) b[3]).toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                        .append(" overdue since ").append(io.leadhandoff.common.time.SqlTime.instant(b[6]))
                        .append(b[4] == null ? " (unassigned)" : " (" + b[4] + ")").append('\n');
            }
            body.append("\nClocks of a lead: GET /api/v1/clocks?leadId=<lead>; alerts: GET /api/v1/alerts\n");
            digests.add(NotificationRequest.email("sla-digest/" + day + "/" + email, "sla-digest", email,
                    "SLA digest " + day + ": " + breaches.size() + " open breaches", body.toString()));
        });
        notifications.recordAll(digests);
        return digests.size();
    }
}
