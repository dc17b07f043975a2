-- Who hears of a breach: the owner's and the manager's e-mail, as routing announced them.
ALTER TABLE sla_clock ADD COLUMN owner_email VARCHAR(320);
ALTER TABLE sla_clock ADD COLUMN manager_email VARCHAR(320);
