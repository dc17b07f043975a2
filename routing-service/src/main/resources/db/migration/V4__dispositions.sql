-- What sales did with an assignment: first touch, acceptance, qualification (BANT), rejection
-- (reason and note), outcome. Every step is also a row of assignment_history.
ALTER TABLE assignment ADD COLUMN first_touch_at TIMESTAMPTZ;
ALTER TABLE assignment ADD COLUMN accepted_at TIMESTAMPTZ;
ALTER TABLE assignment ADD COLUMN qualified_at TIMESTAMPTZ;
ALTER TABLE assignment ADD COLUMN bant JSONB;
ALTER TABLE assignment ADD COLUMN rejection_reason VARCHAR(40);
ALTER TABLE assignment ADD COLUMN rejection_note TEXT;
ALTER TABLE assignment ADD COLUMN outcome VARCHAR(20);
ALTER TABLE assignment ADD COLUMN closed_at TIMESTAMPTZ;
