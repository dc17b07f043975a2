-- Every warning and breach as an alert: listed with filters, and streamed to managers' screens
-- (server-sent events, resumable from the last id a client saw).
CREATE TABLE sla_alert (
    id          BIGSERIAL PRIMARY KEY,
    clock_id    UUID         NOT NULL,
    lead_id     UUID         NOT NULL,
    kind        VARCHAR(20)  NOT NULL, -- WARNING, BREACH
    clock_kind  VARCHAR(30)  NOT NULL,
    owner_login VARCHAR(100),
    manager_login VARCHAR(100),
    team_name   VARCHAR(200),
    priority    VARCHAR(10),
    due_at      TIMESTAMPTZ  NOT NULL,
    at          TIMESTAMPTZ  NOT NULL,
    message     TEXT         NOT NULL,
    UNIQUE (clock_id, kind)               -- one alert per clock and step
);
CREATE INDEX sla_alert_team ON sla_alert (team_name, id);
CREATE INDEX sla_alert_owner ON sla_alert (owner_login, id);
