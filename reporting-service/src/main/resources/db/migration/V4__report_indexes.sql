-- Reports over a million cycles read small slices through these: breaches open now (a breach after
-- which nothing has happened in its cycle), leads waiting in a queue, and cycles by owner (routing
-- audit: owners who left).
ALTER TABLE lead_cycle ADD COLUMN open_breach_at TIMESTAMPTZ;
ALTER TABLE lead_cycle ADD COLUMN open_breach_kind VARCHAR(30);
CREATE INDEX lead_cycle_open_breach ON lead_cycle (open_breach_at) WHERE open_breach_at IS NOT NULL;
CREATE INDEX lead_cycle_waiting ON lead_cycle (queued_at)
    WHERE queued_at IS NOT NULL AND assigned_at IS NULL AND ended_at IS NULL AND rejected_at IS NULL;
CREATE INDEX lead_cycle_owner ON lead_cycle (owner);
-- a replay rebuilds lead_cycle: its open breaches are computed then; until then, from the transitions
UPDATE lead_cycle c SET open_breach_at = b.at, open_breach_kind = b.kind
FROM (SELECT DISTINCT ON (s.lead_id, s.cycle) s.lead_id, s.cycle, s.at, s.kind FROM stage_transition s
      WHERE s.stage = 'SLA_BREACHED' ORDER BY s.lead_id, s.cycle, s.at DESC) b
WHERE c.lead_id = b.lead_id AND c.cycle = b.cycle
  AND NOT EXISTS (SELECT 1 FROM stage_transition later WHERE later.lead_id = b.lead_id AND later.cycle = b.cycle
                  AND later.at > b.at AND later.stage NOT LIKE 'SLA%');
