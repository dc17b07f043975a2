-- QUEUED clocks (a lead waiting in the fallback queue, the manager's to act on) are met when the
-- lead is assigned.
ALTER TABLE sla_clock ADD COLUMN met_at TIMESTAMPTZ;
