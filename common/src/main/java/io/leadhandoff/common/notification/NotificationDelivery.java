package io.leadhandoff.common.notification;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import io.leadhandoff.common.timer.Timers;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Delivers recorded notifications when their timer comes due. Each outcome (sent; or failed, with
 * the error and the next attempt rescheduled on the same timer) commits with the timer's
 * completion. At least once: a crash between a send and the commit sends again.
 */
@ApplicationScoped
public class NotificationDelivery implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

    private final EntityManager em;
    private final NotificationSender sender;
    private final Timers timers;
    private final NotificationConfig config;
    private final InstantSource clock;
    private final MeterRegistry registry;

    public NotificationDelivery(EntityManager em, NotificationSender sender, Timers timers, NotificationConfig config,
            InstantSource clock, MeterRegistry registry) {
        this.em = em;
        this.sender = sender;
        this.timers = timers;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String kind() {
        return Notifications.DELIVER;
    }

    @Override
    public void fire(List<DueTimer> due) {
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery("""
                select id, channel, recipient, title, body, attempts from notification
                where id in (:ids) and status = 'PENDING' for update""")
                .setParameter("ids", due.stream().map(t -> UUID.fromString(t.key())).toList()).getResultList();
        for (Object[] n : pending) {
            UUID id = (UUID) n[0];
            NotificationChannel channel = NotificationChannel.valueOf((String) n[1]);
            int attempts = ((Number) n[5]).intValue() + 1;
            Instant now = clock.instant();
            try {
                sender.deliver(channel, (String) n[2], (String) n[3], (String) n[4]);
                update(id, NotificationView.Status.SENT, attempts, null, null, now);
                registry.counter("handoff.notifications.sent", "channel", channel.name()).increment();
            } catch (RuntimeException e) {
                registry.counter("handoff.notifications.failed-attempts", "channel", channel.name()).increment();
                String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                if (attempts >= config.maxAttempts()) {
                    LOG.warnf("Notification %s (%s to %s) failed for good after %d attempts: %s", id, channel, n[2],
                            attempts, error);
                    update(id, NotificationView.Status.FAILED, attempts, error, null, null);
                } else {
                    Instant next = now.plus(backoff(attempts));
                    LOG.infof("Notification %s (%s) not delivered, attempt %d; next at %s: %s", id, channel, attempts,
                            next, error);
                    update(id, NotificationView.Status.PENDING, attempts, error, next, null);
                    timers.schedule(Notifications.DELIVER, id.toString(), next);
                }
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = config.retryInitial().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    private void update(UUID id, NotificationView.Status status, int attempts, String error, Instant next, Instant sent) {
        em.createNativeQuery("""
                update notification set status = :status, attempts = :attempts, last_error = :error,
                                        next_attempt_at = :next, sent_at = :sent where id = :id""")
                .setParameter("status", status.name()).setParameter("attempts", attempts)
                .setParameter("error", error == null || error.length() <= 2000 ? error : error.substring(0, 2000))
                .setParameter("next", next).setParameter("sent", sent).setParameter("id", id).executeUpdate();
    }
}
