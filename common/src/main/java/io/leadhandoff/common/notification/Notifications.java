package io.leadhandoff.common.notification;

import io.leadhandoff.common.time.SqlTime;
import io.leadhandoff.common.timer.TimerRequest;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.common.validation.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery outbox: a notification is recorded in the transaction that causes it (so it exists
 * exactly when its cause committed) and delivered afterwards by {@link NotificationDelivery} on the
 * shared timers, retried with backoff; its status and attempts stay readable.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Notifications {

    static final String DELIVER = "notification.deliver";
    private static final int MAX_TITLE = 300;

    private final EntityManager em;
    private final Timers timers;
    private final InstantSource clock;

    public Notifications(EntityManager em, Timers timers, InstantSource clock) {
        this.em = em;
        this.timers = timers;
        this.clock = clock;
    }

    /** Records one notification for delivery; false if the same cause already notified this recipient on this channel. */
    public boolean record(NotificationRequest request) {
        return recordAll(List.of(request)) == 1;
    }

    /**
     * Records notifications for delivery as soon as the transaction commits; returns how many were
     * new. A recipient that cannot be delivered to (not an e-mail address, not an http(s) URL) is
     * recorded as FAILED with the reason instead of failing the cause: a rep's broken address must
     * not stop a lead from being assigned.
     */
    public int recordAll(Collection<NotificationRequest> requests) {
        Instant now = clock.instant();
        List<TimerRequest> deliveries = new ArrayList<>();
        int recorded = 0;
        for (NotificationRequest r : requests) {
            UUID id = UUID.nameUUIDFromBytes(r.idempotencyKey().getBytes(StandardCharsets.UTF_8));
            String invalid = invalidRecipient(r);
            int inserted = em.createNativeQuery("""
                    insert into notification (id, idempotency_key, cause, subject_id, channel, recipient, title, body,
                                              status, last_error, created_at, next_attempt_at)
                    values (:id, :key, :cause, :about, :channel, :recipient, :title, :body, :status, :error, :now, :next)
                    on conflict (idempotency_key) do nothing""")
                    .setParameter("id", id)
                    .setParameter("key", r.idempotencyKey())
                    .setParameter("cause", r.cause())
                    .setParameter("about", r.about())
                    .setParameter("channel", r.channel().name())
                    .setParameter("recipient", r.recipient())
                    .setParameter("title", r.title().length() > MAX_TITLE ? r.title().substring(0, MAX_TITLE) : r.title())
                    .setParameter("body", r.body())
                    .setParameter("status", (invalid == null ? NotificationView.Status.PENDING
                            : NotificationView.Status.FAILED).name())
                    .setParameter("error", invalid)
                    .setParameter("now", now)
                    .setParameter("next", invalid == null ? now : null)
                    .executeUpdate();
            recorded += inserted;
            if (inserted == 1 && invalid == null) {
                deliveries.add(TimerRequest.of(DELIVER, id.toString(), now));
            }
        }
        timers.scheduleAll(deliveries);
        return recorded;
    }

    private static String invalidRecipient(NotificationRequest r) {
        return switch (r.channel()) {
            case EMAIL -> EmailAddress.Validator.valid(r.recipient()) ? null : "not an e-mail address: " + r.recipient();
            case WEBHOOK -> {
                try {
                    URI uri = URI.create(r.recipient());
                    boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                    yield http && uri.getHost() != null ? null : "not an http(s) URL: " + r.recipient();
                } catch (IllegalArgumentException e) {
                    yield "not an http(s) URL: " + r.recipient();
                }
            }
        };
    }

    /** Notifications about {@code about} (all if null) with {@code status} (any if null), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationView> list(String about, NotificationView.Status status, int limit) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (about != null) {
            where.append(" and subject_id = :about");
            params.put("about", about);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status.name());
        }
        var query = em.createNativeQuery("""
                select id, cause, subject_id, channel, recipient, title, body, status, attempts, last_error,
                       created_at, next_attempt_at, sent_at
                from notification""" + " " + where + " order by created_at desc, id limit :n");
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new NotificationView((UUID) r[0], (String) r[1], (String) r[2],
                NotificationChannel.valueOf((String) r[3]), (String) r[4], (String) r[5], (String) r[6],
                NotificationView.Status.valueOf((String) r[7]), ((Number) r[8]).intValue(), (String) r[9],
                SqlTime.instant(r[10]), SqlTime.instant(r[11]), SqlTime.instant(r[12]))).toList();
    }
}
