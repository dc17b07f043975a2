-- Read models that keep every fact and can be rebuilt from the event log (POST /api/v1/admin/replay
-- fills copies of these tables and swaps them in). Projections are SQL over event_log bodies, the
-- same statements live and in a replay, so a replay equals live.

-- Every stage a lead reached, one row per (event, stage): qualified again after recycling,
-- reassigned, breached twice, all kept. cycle: the number of MQL transitions at or before it (0
-- before the first MQL), recomputed for the lead whenever one of its events arrives, in any order.
CREATE TABLE stage_transition (
    event_id      UUID         NOT NULL,
    stage         VARCHAR(30)  NOT NULL,
    lead_id       UUID         NOT NULL,
    at            TIMESTAMPTZ  NOT NULL,
    seq           BIGINT       NOT NULL,
    cycle         INT          NOT NULL DEFAULT 0,
    source        VARCHAR(200),
    campaign      VARCHAR(200),
    segment       VARCHAR(30),
    priority      VARCHAR(10),
    owner         VARCHAR(100),
    team          VARCHAR(200),
    reason        VARCHAR(200),
    detail        VARCHAR(200),
    kind          VARCHAR(30),
    clock_id      UUID,
    score         INT,
    fit_tier      VARCHAR(10),
    model_version INT,
    imported      BOOLEAN      NOT NULL DEFAULT false,
    PRIMARY KEY (event_id, stage)
);
CREATE INDEX stage_transition_lead ON stage_transition (lead_id, at);
CREATE INDEX stage_transition_stage_at ON stage_transition (stage, at);

-- One row per lead and MQL cycle (a recycled lead that qualifies again starts cycle 2): the cohort
-- date, the lead's dimensions, and when the cycle reached each stage. Reports read this table.
CREATE TABLE lead_cycle (
    lead_id        UUID        NOT NULL,
    cycle          INT         NOT NULL,
    mql_at         TIMESTAMPTZ NOT NULL,
    source         VARCHAR(200),
    campaign       VARCHAR(200),
    segment        VARCHAR(30),
    priority       VARCHAR(10),
    score          INT,
    fit_tier       VARCHAR(10),
    model_version  INT,
    team           VARCHAR(200),
    owner          VARCHAR(100),
    queue          VARCHAR(200),
    queued_at      TIMESTAMPTZ,
    assigned_at    TIMESTAMPTZ,
    first_touch_at TIMESTAMPTZ,
    sal_at         TIMESTAMPTZ,
    rejected_at    TIMESTAMPTZ,
    reject_reason  VARCHAR(200),
    sql_at         TIMESTAMPTZ,
    opportunity_at TIMESTAMPTZ,
    won_at         TIMESTAMPTZ,
    lost_at        TIMESTAMPTZ,
    ended_at       TIMESTAMPTZ,
    reassignments  INT         NOT NULL DEFAULT 0,
    breaches       INT         NOT NULL DEFAULT 0,
    imported       BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (lead_id, cycle)
);
CREATE INDEX lead_cycle_mql ON lead_cycle (mql_at);

-- The roster as routing's RepChanged says (latest change wins).
CREATE TABLE rep (
    login      VARCHAR(100) PRIMARY KEY,
    team       VARCHAR(200) NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    weight     INT          NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL
);

-- Replays: one at a time (an advisory lock), progress visible.
CREATE TABLE replay_run (
    id          UUID PRIMARY KEY,
    status      VARCHAR(20) NOT NULL,
    requested_by VARCHAR(100) NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    events      BIGINT,
    error       TEXT
);

-- The old first-value-wins funnel is replaced by lead_cycle.
DROP TABLE lead_funnel;
