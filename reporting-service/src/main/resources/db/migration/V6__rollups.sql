-- Rollups: the read models summed per calendar month ('m', from its first day; also per week, 'w',
-- from its Monday, for the funnel by week) and per dimension, so a report over years reads thousands of rows instead of millions.
-- They are kept in step with lead_cycle and stage_transition by the projections (a lead's old cycles
-- are subtracted and its new ones added in the same transaction) and rebuilt by a replay. Reports
-- read them for the whole weeks or months of a period and the cycles themselves for its ragged ends.

-- MQL cycles by cohort (the month of the MQL) and by every dimension a report filters or groups on;
-- a stage counts the cycles that reached it or a later one, as the reports define. Week rows (for
-- the funnel by week) keep the six dimensions only: recycled false, the finer keys null.
CREATE TABLE cycle_rollup (
    grain         CHAR(1)      NOT NULL,
    period        DATE         NOT NULL,
    source        VARCHAR(200),
    campaign      VARCHAR(200),
    segment       VARCHAR(30),
    priority      VARCHAR(10),
    team          VARCHAR(200),
    owner         VARCHAR(100),
    recycled      BOOLEAN      NOT NULL,
    model_version INT,
    fit_tier      VARCHAR(10),
    score_band    INT,
    reject_reason VARCHAR(200),
    mql           BIGINT       NOT NULL,
    assigned      BIGINT       NOT NULL,
    sal           BIGINT       NOT NULL,
    rejected      BIGINT       NOT NULL,
    decided       BIGINT       NOT NULL,
    sql           BIGINT       NOT NULL,
    opportunity   BIGINT       NOT NULL,
    won           BIGINT       NOT NULL,
    lost          BIGINT       NOT NULL,
    breached      BIGINT       NOT NULL
);
CREATE UNIQUE INDEX cycle_rollup_key ON cycle_rollup (grain, period, source, campaign, segment, priority, team, owner,
    recycled, model_version, fit_tier, score_band, reject_reason) NULLS NOT DISTINCT;

-- Durations between stages (velocity) by MQL month and dimension, as histograms: bucket b holds the
-- durations d (seconds) with floor(ln(|d| + 1) / ln(1.02)) + 1 = |b|, b negative when d is, so a
-- percentile read from them is within 1% of the exact one. Measure 'mql' counts the cycles (bucket 0).
-- Each cycle's buckets are computed once, with it:
ALTER TABLE lead_cycle
    ADD COLUMN first_touch_bucket INT GENERATED ALWAYS AS ((sign(extract(epoch from first_touch_at - mql_at)::float8) * (floor(ln(abs(extract(epoch from first_touch_at - mql_at)::float8) + 1) / ln(1.02)) + 1))::int) STORED,
    ADD COLUMN decision_bucket INT GENERATED ALWAYS AS ((sign(extract(epoch from coalesce(sal_at, rejected_at) - mql_at)::float8) * (floor(ln(abs(extract(epoch from coalesce(sal_at, rejected_at) - mql_at)::float8) + 1) / ln(1.02)) + 1))::int) STORED,
    ADD COLUMN sal_sql_bucket INT GENERATED ALWAYS AS ((sign(extract(epoch from sql_at - sal_at)::float8) * (floor(ln(abs(extract(epoch from sql_at - sal_at)::float8) + 1) / ln(1.02)) + 1))::int) STORED,
    ADD COLUMN sql_won_bucket INT GENERATED ALWAYS AS ((sign(extract(epoch from won_at - sql_at)::float8) * (floor(ln(abs(extract(epoch from won_at - sql_at)::float8) + 1) / ln(1.02)) + 1))::int) STORED,
    ADD COLUMN mql_sql_bucket INT GENERATED ALWAYS AS ((sign(extract(epoch from sql_at - mql_at)::float8) * (floor(ln(abs(extract(epoch from sql_at - mql_at)::float8) + 1) / ln(1.02)) + 1))::int) STORED;
CREATE TABLE duration_rollup (
    period   DATE         NOT NULL,
    source   VARCHAR(200),
    campaign VARCHAR(200),
    segment  VARCHAR(30),
    priority VARCHAR(10),
    team     VARCHAR(200),
    owner    VARCHAR(100),
    measure  VARCHAR(20)  NOT NULL,
    bucket   INT          NOT NULL,
    n        BIGINT       NOT NULL
);
CREATE UNIQUE INDEX duration_rollup_key ON duration_rollup (period, source, campaign, segment, priority, team, owner,
    measure, bucket) NULLS NOT DISTINCT;

-- Transitions counted by when they happened: leads created, assignments and reassignments, with
-- the transition's own dimensions.
CREATE TABLE transition_rollup (
    grain    CHAR(1)      NOT NULL,
    period   DATE         NOT NULL,
    stage    VARCHAR(30)  NOT NULL,
    source   VARCHAR(200),
    campaign VARCHAR(200),
    priority VARCHAR(10),
    team     VARCHAR(200),
    owner    VARCHAR(100),
    reason   VARCHAR(200),
    n        BIGINT       NOT NULL
);
CREATE UNIQUE INDEX transition_rollup_key ON transition_rollup (grain, period, stage, source, campaign, priority, team,
    owner, reason) NULLS NOT DISTINCT;

-- Clocks met and breached in MQL cycles, by month: the clock's kind, team, owner and priority, and its
-- cycle's source, campaign and segment (a lead's clocks are recounted with its cycles).
CREATE TABLE clock_rollup (
    period   DATE         NOT NULL,
    stage    VARCHAR(30)  NOT NULL,
    kind     VARCHAR(30),
    team     VARCHAR(200),
    owner    VARCHAR(100),
    priority VARCHAR(10),
    source   VARCHAR(200),
    campaign VARCHAR(200),
    segment  VARCHAR(30),
    n        BIGINT       NOT NULL
);
CREATE UNIQUE INDEX clock_rollup_key ON clock_rollup (period, stage, kind, team, owner, priority, source, campaign, segment)
    NULLS NOT DISTINCT;

-- An imported lead is created once, however many of its cycles a history file gives: its first
-- creation is kept (so leads are counted, not imported rows).
DELETE FROM stage_transition s USING stage_transition k
WHERE s.stage = 'LEAD' AND s.imported AND k.stage = 'LEAD' AND k.imported AND k.lead_id = s.lead_id
  AND (k.at, k.seq, k.event_id) < (s.at, s.seq, s.event_id);
CREATE UNIQUE INDEX stage_transition_imported_lead ON stage_transition (lead_id) WHERE stage = 'LEAD' AND imported;

-- Clocks met and breached carry their cycle's source, campaign and segment (copied by the projections):
-- the ragged ends of a period read them from this index alone.
DROP INDEX stage_transition_sla;
CREATE INDEX stage_transition_sla ON stage_transition (at)
    INCLUDE (stage, kind, team, owner, priority, source, campaign, segment, cycle)
    WHERE stage IN ('SLA_MET', 'SLA_BREACHED');

-- Recycled leads that converted are listed from the cycles after the first.
CREATE INDEX lead_cycle_recycled ON lead_cycle (mql_at) WHERE cycle > 1;
