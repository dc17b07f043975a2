-- Shared by every service: the transactional outbox and the consumer inbox (processed events).

CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID         NOT NULL UNIQUE,
    address      VARCHAR(200) NOT NULL,
    subject      VARCHAR(200),
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
-- The relay only ever scans unpublished rows in order.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

CREATE TABLE processed_event (
    event_id     UUID         NOT NULL,
    consumer     VARCHAR(200) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);
