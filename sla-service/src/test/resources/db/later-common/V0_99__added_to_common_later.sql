-- Stands for a migration that a later release adds to common, after services have moved past V0_x.
CREATE TABLE added_to_common_later (id INTEGER PRIMARY KEY);
