-- Deadlines move to the shared durable timers (db/common V0_3): open clocks get theirs, so none
-- that was waiting for the old scanner is missed.
INSERT INTO timer (kind, timer_key, due_at, created_at)
SELECT 'sla.breach', id::text, due_at, now() FROM sla_clock WHERE status = 'OPEN'
ON CONFLICT (kind, timer_key) DO NOTHING;
