CREATE TABLE sla_clock (
    id            UUID PRIMARY KEY,
    lead_id       UUID         NOT NULL,
    assignment_id UUID         NOT NULL,
    kind          VARCHAR(30)  NOT NULL,  -- FIRST_TOUCH for now
    owner_login   VARCHAR(100),
    manager_login VARCHAR(100),
    priority      VARCHAR(10)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,  -- OPEN, BREACHED, MET
    started_at    TIMESTAMPTZ  NOT NULL,
    due_at        TIMESTAMPTZ  NOT NULL,
    breached_at   TIMESTAMPTZ,
    UNIQUE (assignment_id, kind)          -- one clock per assignment and kind, however often the event arrives
);
-- the breach scanner reads only open clocks by deadline
CREATE INDEX sla_clock_open_due ON sla_clock (due_at) WHERE status = 'OPEN';
CREATE INDEX sla_clock_lead ON sla_clock (lead_id);
