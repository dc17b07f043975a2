-- One ordered event stream (handoff.events): the relay sets each message's type as an application
-- property, which consuming queues filter on. Rows written before this migration were addressed per
-- type; rewrite them so that nothing unpublished goes to an address no queue listens on any more.
ALTER TABLE outbox_event ADD COLUMN type VARCHAR(200);
UPDATE outbox_event SET type = 'io.leadhandoff.' || address, address = 'handoff.events';
ALTER TABLE outbox_event ALTER COLUMN type SET NOT NULL;

-- Events held back on a consuming queue: an effect that failed, an event newer than this code, and
-- every later event of the same lead (subject) behind them, in arrival order (seq).
CREATE TABLE inbox_parked (
    seq             BIGSERIAL PRIMARY KEY,
    queue           VARCHAR(200) NOT NULL,
    event_id        UUID         NOT NULL,
    subject         VARCHAR(200) NOT NULL, -- the lead id; '' when the event has none
    type            VARCHAR(200) NOT NULL,
    body            TEXT         NOT NULL, -- exactly as received
    reason          TEXT         NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    parked_at       TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    UNIQUE (queue, event_id)
);
CREATE INDEX inbox_parked_subject ON inbox_parked (queue, subject, seq);

-- the retention purge deletes by age
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
