-- Any other field a sender gives (a CRM's custom fields, a form's extra questions): rules read them
-- as attributes.<name>.
ALTER TABLE lead ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}';
