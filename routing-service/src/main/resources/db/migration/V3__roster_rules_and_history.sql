-- The roster grows what routing decisions need: status instead of a flag, seniority, languages,
-- product lines, territories, weight, capacity, working hours and absences.
ALTER TABLE rep ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'ACTIVE';
UPDATE rep SET status = CASE WHEN active THEN 'ACTIVE' ELSE 'DEPARTED' END;
ALTER TABLE rep DROP COLUMN active;
ALTER TABLE rep ADD COLUMN seniority VARCHAR(30) NOT NULL DEFAULT 'SDR';
ALTER TABLE rep ADD COLUMN languages JSONB NOT NULL DEFAULT '[]';
ALTER TABLE rep ADD COLUMN product_lines JSONB NOT NULL DEFAULT '[]';
ALTER TABLE rep ADD COLUMN territories JSONB NOT NULL DEFAULT '[]';
ALTER TABLE rep ADD COLUMN weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100);
ALTER TABLE rep ADD COLUMN daily_capacity INTEGER CHECK (daily_capacity > 0);
ALTER TABLE rep ADD COLUMN open_cap INTEGER CHECK (open_cap > 0);
-- {"timeZone": "Europe/Berlin", "days": {"MONDAY": {"from": "09:00", "to": "18:00"}, ...}}; null: always
ALTER TABLE rep ADD COLUMN working_hours JSONB;
ALTER TABLE rep ADD COLUMN webhook_url VARCHAR(500);
-- smooth weighted round robin: the rep's running credit in its team's pool
ALTER TABLE rep ADD COLUMN rr_credit DOUBLE PRECISION NOT NULL DEFAULT 0;

CREATE TABLE rep_absence (
    id         UUID PRIMARY KEY,
    rep_id     UUID        NOT NULL REFERENCES rep (id) ON DELETE CASCADE,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    note       VARCHAR(500),
    CHECK (ends_at > starts_at)
);
CREATE INDEX rep_absence_rep ON rep_absence (rep_id, ends_at);

-- Outside working hours a pool either skips to whoever works now, or queues until a rep starts.
ALTER TABLE team ADD COLUMN outside_hours VARCHAR(10) NOT NULL DEFAULT 'SKIP';

-- Who changed the roster, when, and what it was before and after.
CREATE TABLE roster_change (
    id        BIGSERIAL PRIMARY KEY,
    kind      VARCHAR(20)  NOT NULL, -- TEAM, REP, ABSENCE, RULE, ACCOUNT
    key       VARCHAR(320) NOT NULL,
    actor     VARCHAR(100) NOT NULL,
    at        TIMESTAMPTZ  NOT NULL,
    before    JSONB,
    after     JSONB
);
CREATE INDEX roster_change_key ON roster_change (kind, key, id);

-- Routing rules: data, ordered, first match wins.
CREATE TABLE routing_rule (
    id          UUID PRIMARY KEY,
    position    INTEGER      NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    condition   JSONB,                 -- null: matches every lead (a default rule)
    target_kind VARCHAR(10)  NOT NULL, -- TEAM, REP, QUEUE
    target      VARCHAR(200) NOT NULL,
    seniority   VARCHAR(30),           -- required seniority tier in the pool, if any
    match_on    JSONB        NOT NULL DEFAULT '[]' -- LANGUAGE, PRODUCT_LINE, TERRITORY: reps must cover the lead's
);

-- Accounts with an owner: their leads go to the owner (or the backup) before any rule.
CREATE TABLE account_owner (
    domain       VARCHAR(255) PRIMARY KEY,
    name         VARCHAR(300),
    owner_login  VARCHAR(100) NOT NULL,
    backup_login VARCHAR(100)
);

-- An assignment's decision (rule matched, candidates skipped and why), its queue, and its history.
ALTER TABLE assignment ADD COLUMN rule_name VARCHAR(200);
ALTER TABLE assignment ADD COLUMN decision JSONB;
ALTER TABLE assignment ADD COLUMN queue VARCHAR(30);
ALTER TABLE assignment ADD COLUMN lead_facts JSONB;
UPDATE assignment SET queue = 'FALLBACK' WHERE status = 'FALLBACK_QUEUE';
UPDATE assignment SET status = 'QUEUED' WHERE status = 'FALLBACK_QUEUE';
-- a lead is owned once at a time; after recycling it can be owned again
ALTER TABLE assignment DROP CONSTRAINT assignment_lead_id_key;
CREATE UNIQUE INDEX assignment_open_lead ON assignment (lead_id) WHERE status IN ('ASSIGNED', 'QUEUED', 'ACCEPTED', 'QUALIFIED');
CREATE INDEX assignment_lead ON assignment (lead_id);
CREATE INDEX assignment_queue ON assignment (queue, assigned_at) WHERE status = 'QUEUED';

CREATE TABLE assignment_history (
    id            BIGSERIAL PRIMARY KEY,
    assignment_id UUID         NOT NULL REFERENCES assignment (id),
    at            TIMESTAMPTZ  NOT NULL,
    action        VARCHAR(20)  NOT NULL, -- ASSIGNED, QUEUED, REASSIGNED, ACCEPTED, QUALIFIED, REJECTED, CLOSED, ...
    owner_login   VARCHAR(100),
    actor         VARCHAR(100),
    reason        TEXT
);
CREATE INDEX assignment_history_assignment ON assignment_history (assignment_id, id);
-- daily capacity counts what a rep was given since the start of its day
CREATE INDEX assignment_history_owner ON assignment_history (owner_login, at) WHERE action IN ('ASSIGNED', 'REASSIGNED');
INSERT INTO assignment_history (assignment_id, at, action, owner_login, actor, reason)
SELECT id, assigned_at, CASE WHEN status = 'QUEUED' THEN 'QUEUED' ELSE 'ASSIGNED' END, owner_login, 'routing', 'before history was kept'
FROM assignment;
