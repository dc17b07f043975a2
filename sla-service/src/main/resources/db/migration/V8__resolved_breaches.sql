-- A breached clock is resolved when its step happens late (the first touch, the decision): until
-- then it is an open breach, in the managers' daily digest.
ALTER TABLE sla_clock ADD COLUMN resolved_at TIMESTAMPTZ;
CREATE INDEX sla_clock_open_breach ON sla_clock (manager_email) WHERE status = 'BREACHED' AND resolved_at IS NULL;
