-- Durable timers: a keyed task due at an instant, claimed by any replica (FOR UPDATE SKIP LOCKED)
-- and deleted in the transaction that applies its effect. Only pending timers live here, so the
-- claim scan stays small however much history grows; fired and cancelled ones go to timer_history.
CREATE SEQUENCE timer_seq;
CREATE TABLE timer (
    id         BIGSERIAL    PRIMARY KEY,
    kind       VARCHAR(100) NOT NULL,
    timer_key  VARCHAR(300) NOT NULL,
    due_at     TIMESTAMPTZ  NOT NULL,
    payload    TEXT,
    -- taken from timer_seq on every (re)schedule: a timer moved by its own handler while it fires
    -- has a newer seq than the claim saw, and is kept instead of completed
    seq        BIGINT       NOT NULL DEFAULT nextval('timer_seq'),
    attempts   INTEGER      NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT timer_kind_key UNIQUE (kind, timer_key)
);
CREATE INDEX timer_due ON timer (due_at);

CREATE TABLE timer_history (
    id          BIGINT       PRIMARY KEY,
    kind        VARCHAR(100) NOT NULL,
    timer_key   VARCHAR(300) NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    outcome     VARCHAR(20)  NOT NULL, -- FIRED or CANCELLED
    attempts    INTEGER      NOT NULL,
    finished_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX timer_history_finished ON timer_history (finished_at);
CREATE INDEX timer_history_key ON timer_history (kind, timer_key);

-- Notifications: recorded in the transaction that causes them, delivered by the timer runner.
CREATE TABLE notification (
    id              UUID         PRIMARY KEY,
    -- cause + recipient + channel: the same cause never notifies the same recipient twice
    idempotency_key VARCHAR(1000) NOT NULL UNIQUE,
    cause           VARCHAR(300) NOT NULL,
    subject_id      VARCHAR(200), -- what it is about (a lead id), for lookups
    channel         VARCHAR(20)  NOT NULL, -- EMAIL or WEBHOOK
    recipient       VARCHAR(500) NOT NULL,
    title           VARCHAR(300) NOT NULL,
    body            TEXT         NOT NULL,
    status          VARCHAR(20)  NOT NULL, -- PENDING, SENT, FAILED
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX notification_subject ON notification (subject_id, created_at);
CREATE INDEX notification_status ON notification (status, created_at);
