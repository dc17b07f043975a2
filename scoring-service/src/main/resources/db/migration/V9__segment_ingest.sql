-- Segment-compatible ingestion: the ids a lead is known by in other tools (Segment's userId and
-- anonymousId), and the calls that arrived before any identify said whose they are.
CREATE TABLE lead_external_id (
    kind    VARCHAR(20)  NOT NULL, -- userId or anonymousId
    value   VARCHAR(300) NOT NULL,
    lead_id UUID         NOT NULL REFERENCES lead (id),
    PRIMARY KEY (kind, value)
);
CREATE TABLE segment_held (
    message_id   VARCHAR(200) PRIMARY KEY,
    user_id      VARCHAR(300),
    anonymous_id VARCHAR(300),
    call         JSONB        NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX segment_held_user ON segment_held (user_id);
CREATE INDEX segment_held_anonymous ON segment_held (anonymous_id);
