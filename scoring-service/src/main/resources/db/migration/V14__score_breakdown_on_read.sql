-- The score breakdown (about 1 KB of JSON per lead) was most of a lead row, and every scored touch
-- rewrote it. A read now computes it from the lead's activity and the model, as of the read, like
-- the explanation; LeadQualified still carries the one of the hand-off.
ALTER TABLE lead DROP COLUMN score_breakdown;
