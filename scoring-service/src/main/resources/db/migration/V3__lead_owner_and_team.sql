-- Learned from routing's LeadAssigned: who owns the lead and which manager may read it.
ALTER TABLE lead ADD COLUMN owner_login VARCHAR(100);
ALTER TABLE lead ADD COLUMN manager_login VARCHAR(100);
ALTER TABLE lead ADD COLUMN team_name VARCHAR(200);
CREATE INDEX lead_manager ON lead (manager_login);
