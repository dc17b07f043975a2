package io.leadhandoff.common.timer;

import java.util.List;

/**
 * Applies the effect of due timers of one kind. A bean implementing it is found by its
 * {@link #kind()}.
 *
 * <p>{@link #fire} runs in the transaction that completes the timers: its effect (rows, outbox
 * events, notifications) and the timers' completion commit together, or neither does, and the
 * timers are fired again. A whole batch of one kind comes at once so the effect can be one
 * statement. To keep a timer (a retry, the next step of a ladder), the handler schedules its key
 * again through {@link Timers}: a timer rescheduled while it fires is not completed. If it throws,
 * the batch is rolled back and each timer is fired alone; one that still fails is retried with
 * backoff.
 */
public interface TimerHandler {

    String kind();

    void fire(List<DueTimer> due);
}
