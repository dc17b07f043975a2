-- Every lifecycle transition of a lead with its cause: the lead's timeline.
CREATE TABLE lead_stage_change (
    id         BIGSERIAL   PRIMARY KEY,
    lead_id    UUID        NOT NULL REFERENCES lead (id),
    from_stage VARCHAR(30),
    to_stage   VARCHAR(30) NOT NULL,
    cause      TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_stage_change_lead ON lead_stage_change (lead_id, id);

-- what the leads of the first release went through, as far as their rows tell
INSERT INTO lead_stage_change (lead_id, from_stage, to_stage, cause, at)
SELECT id, NULL, 'LEAD', 'created', created_at FROM lead;
INSERT INTO lead_stage_change (lead_id, from_stage, to_stage, cause, at)
SELECT id, 'LEAD', 'MQL', coalesce(mql_reason, 'qualified'), qualified_at FROM lead WHERE qualified_at IS NOT NULL;
