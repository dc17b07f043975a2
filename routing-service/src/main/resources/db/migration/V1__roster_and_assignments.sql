CREATE TABLE team (
    id            UUID PRIMARY KEY,
    name          VARCHAR(200) NOT NULL UNIQUE,
    manager_login VARCHAR(100) NOT NULL,
    -- round-robin position; the team row is locked while it moves, so replicas never pick the same turn
    rr_cursor     BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE rep (
    id           UUID PRIMARY KEY,
    login        VARCHAR(100) NOT NULL UNIQUE, -- the OIDC user name (preferred_username)
    display_name VARCHAR(200) NOT NULL,
    email        VARCHAR(320),
    team_id      UUID         NOT NULL REFERENCES team (id),
    active       BOOLEAN      NOT NULL DEFAULT TRUE
);

CREATE TABLE assignment (
    id            UUID PRIMARY KEY,
    lead_id       UUID         NOT NULL UNIQUE, -- one live assignment per lead; a redelivered MQL changes nothing
    owner_login   VARCHAR(100),                 -- null while in the fallback queue
    manager_login VARCHAR(100),
    team_name     VARCHAR(200),
    priority      VARCHAR(10)  NOT NULL,
    status        VARCHAR(30)  NOT NULL,
    lead_context  JSONB        NOT NULL,        -- what the rep needs to see why this is an MQL
    assigned_at   TIMESTAMPTZ  NOT NULL,
    due_at        TIMESTAMPTZ
);
CREATE INDEX assignment_owner ON assignment (owner_login, assigned_at DESC);
CREATE INDEX assignment_manager ON assignment (manager_login, assigned_at DESC);
