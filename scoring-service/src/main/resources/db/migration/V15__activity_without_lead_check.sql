-- Checking each stored touch against the lead table (a keyed look-up and a row lock per touch) was
-- about a tenth of an ingest batch. The ingest never needs it: it locks every lead of a batch, creating
-- the unknown ones, before it stores their touches, a merge moves touches to a lead it holds, and no
-- lead is ever deleted.
ALTER TABLE activity DROP CONSTRAINT activity_lead_id_fkey;
