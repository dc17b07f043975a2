-- Every event received, as received: read models can be rebuilt from it.
CREATE TABLE event_log (
    event_id    UUID PRIMARY KEY,
    type        VARCHAR(200) NOT NULL,
    source      VARCHAR(200) NOT NULL,
    subject     VARCHAR(200),
    time        TIMESTAMPTZ  NOT NULL,
    payload     JSONB        NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX event_log_subject_time ON event_log (subject, time);

-- One row per lead: when it reached each stage of the handoff. Events may arrive in any order
-- (they come from different services), so every column is set once, by whichever event carries it.
CREATE TABLE lead_funnel (
    lead_id     UUID PRIMARY KEY,
    created_at  TIMESTAMPTZ,
    source      VARCHAR(200),
    campaign    VARCHAR(200),
    mql_at      TIMESTAMPTZ,
    priority    VARCHAR(10),
    assigned_at TIMESTAMPTZ,
    owner_login VARCHAR(100),
    breached_at TIMESTAMPTZ
);
CREATE INDEX lead_funnel_created ON lead_funnel (created_at);
CREATE INDEX lead_funnel_mql ON lead_funnel (mql_at);
