-- Due times come from the SLA policy now (SlaDueTimeSet, business time in the owner's calendar):
-- a task is created before SLA has announced its due time.
ALTER TABLE sales_task ALTER COLUMN due_at DROP NOT NULL;
-- A rep waiting on the prospect puts the lead on hold (the policy pauses clocks on it).
ALTER TABLE assignment ADD COLUMN on_hold_since TIMESTAMPTZ;
ALTER TABLE assignment ADD COLUMN on_hold_reason VARCHAR(500);
