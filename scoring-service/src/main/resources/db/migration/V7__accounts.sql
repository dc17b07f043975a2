-- Leads group into accounts by company domain (or the e-mail's domain for business addresses).
-- Filled here from company domains; leads without one get theirs at their next scoring.
-- as long as an e-mail's domain can be (the e-mail is at most 320 characters)
ALTER TABLE lead ADD COLUMN account_domain VARCHAR(320);
UPDATE lead SET account_domain = company_domain WHERE company_domain IS NOT NULL;
CREATE INDEX lead_account ON lead (account_domain);
