-- What the active model's behaviour rules see of a lead's touches (times per touch pattern, the newest
-- fast-track touch), kept so that new touches are scored without reading the lead's history. Null,
-- or kept for another model version: rebuilt from the activity at the lead's next scoring.
ALTER TABLE lead ADD COLUMN scoring_touches BYTEA;
