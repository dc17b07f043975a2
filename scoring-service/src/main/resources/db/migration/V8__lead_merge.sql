-- A lead merged into another keeps its row (its e-mail still finds the survivor) and points at it.
ALTER TABLE lead ADD COLUMN merged_into UUID REFERENCES lead (id);
