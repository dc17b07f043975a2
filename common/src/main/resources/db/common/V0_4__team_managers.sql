-- Who manages which team, learned from routing's TeamChanged (common's TeamRoster): the read scope
-- of a sales manager in the services that consume it.
CREATE TABLE team_manager (
    team_name     VARCHAR(200) PRIMARY KEY,
    team_id       UUID         NOT NULL,
    manager_login VARCHAR(100) NOT NULL,
    manager_email VARCHAR(320),
    changed_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX team_manager_login ON team_manager (manager_login);
