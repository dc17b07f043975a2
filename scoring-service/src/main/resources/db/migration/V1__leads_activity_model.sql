CREATE TABLE lead (
    id                     UUID PRIMARY KEY,
    email                  VARCHAR(320) NOT NULL UNIQUE, -- normalised: trimmed, lower case
    first_name             VARCHAR(200),
    last_name              VARCHAR(200),
    job_title              VARCHAR(200),
    seniority              VARCHAR(100),
    company_name           VARCHAR(300),
    company_domain         VARCHAR(255),
    industry               VARCHAR(200),
    employees              INTEGER,
    country                VARCHAR(100),
    source                 VARCHAR(200),
    campaign               VARCHAR(200),
    fit_score              INTEGER      NOT NULL DEFAULT 0,
    intent_score           INTEGER      NOT NULL DEFAULT 0,
    disqualification_score INTEGER      NOT NULL DEFAULT 0,
    total_score            INTEGER      NOT NULL DEFAULT 0,
    score_breakdown        JSONB        NOT NULL DEFAULT '[]',
    model_version          INTEGER,
    lifecycle_stage        VARCHAR(30)  NOT NULL,
    priority               VARCHAR(10),
    mql_reason             TEXT,
    qualified_at           TIMESTAMPTZ,
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX lead_company_domain ON lead (company_domain);

CREATE TABLE activity (
    event_id    VARCHAR(200) PRIMARY KEY, -- the sender's id: makes ingestion idempotent
    lead_id     UUID         NOT NULL REFERENCES lead (id),
    type        VARCHAR(100) NOT NULL,
    url         TEXT,
    occurred_at TIMESTAMPTZ  NOT NULL,
    properties  JSONB,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX activity_lead_time ON activity (lead_id, occurred_at DESC);

-- Scoring models are data: versioned, exactly one active.
CREATE TABLE scoring_model (
    id                BIGSERIAL PRIMARY KEY,
    version           INTEGER     NOT NULL UNIQUE,
    name              VARCHAR(200) NOT NULL,
    active            BOOLEAN     NOT NULL DEFAULT FALSE,
    mql_min_fit       INTEGER     NOT NULL,
    mql_min_intent    INTEGER     NOT NULL,
    fast_track_types  VARCHAR(500) NOT NULL DEFAULT '', -- comma-separated activity types that make a lead HOT
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by        VARCHAR(200) NOT NULL
);
CREATE UNIQUE INDEX scoring_model_one_active ON scoring_model (active) WHERE active;

CREATE TABLE scoring_rule (
    id           BIGSERIAL PRIMARY KEY,
    model_id     BIGINT       NOT NULL REFERENCES scoring_model (id),
    code         VARCHAR(100) NOT NULL,
    description  VARCHAR(500) NOT NULL,
    category     VARCHAR(20)  NOT NULL CHECK (category IN ('FIT', 'INTENT', 'DISQUALIFIER')),
    kind         VARCHAR(20)  NOT NULL CHECK (kind IN ('FIELD_IN', 'NUMBER_RANGE', 'EMAIL_DOMAIN_IN', 'ACTIVITY')),
    field        VARCHAR(100),          -- FIELD_IN / NUMBER_RANGE: the lead field
    match_values TEXT,                  -- FIELD_IN / EMAIL_DOMAIN_IN: comma-separated, case-insensitive
    min_value    INTEGER,               -- NUMBER_RANGE bounds, inclusive
    max_value    INTEGER,
    activity_type VARCHAR(100),         -- ACTIVITY: type to match (null: any)
    url_pattern  VARCHAR(500),          -- ACTIVITY: substring the URL must contain (null: any)
    min_count    INTEGER      NOT NULL DEFAULT 1, -- ACTIVITY: occurrences needed for the points
    window_days  INTEGER,               -- ACTIVITY: only occurrences this recent count
    points       INTEGER      NOT NULL,
    max_points   INTEGER,               -- ACTIVITY: if set, points repeat per min_count occurrences up to this cap
    UNIQUE (model_id, code)
);
