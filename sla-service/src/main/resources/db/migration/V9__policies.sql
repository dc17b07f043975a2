-- SLA policies as versioned data (like scoring models): tiers by priority and segment, each a set of
-- clocks with target, warning point, start / met / stop / pause / resume events and an escalation
-- ladder. Exactly one version is active; a clock keeps the version it started under.
CREATE TABLE sla_policy (
    version      INTEGER      PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    status       VARCHAR(10)  NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
    definition   JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    updated_by   VARCHAR(200) NOT NULL,
    activated_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX sla_policy_one_active ON sla_policy (status) WHERE status = 'ACTIVE';

CREATE TABLE sla_policy_change (
    id      BIGSERIAL    PRIMARY KEY,
    version INTEGER      NOT NULL REFERENCES sla_policy (version),
    action  VARCHAR(20)  NOT NULL,
    actor   VARCHAR(200) NOT NULL,
    at      TIMESTAMPTZ  NOT NULL,
    detail  TEXT
);
CREATE INDEX sla_policy_change_version ON sla_policy_change (version, id);

-- The demo policy, version 1, from the seeds: first touch within 1 h (HOT), 24 h (HIGH), 48 h (WARM);
-- accept or reject within 24 h; an SQL followed up within a working week; a queued lead assigned
-- within the first-touch window. All in business time in the owner's calendar. A missed first touch
-- tells the rep and the manager and goes to the next eligible rep; if nobody can take it, RevOps
-- hears four business hours later.
INSERT INTO sla_policy (version, name, status, definition, created_at, created_by, updated_at, updated_by, activated_at)
VALUES (1, 'Demo policy (seeds 001-004)', 'ACTIVE', '{
 "name": "Demo policy (seeds 001-004)",
 "tiers": [
  {
   "priorities": [
    "HOT"
   ],
   "segments": [],
   "clocks": [
    {
     "kind": "FIRST_TOUCH",
     "target": "PT1H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "FirstTouchLogged"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      },
      {
       "after": "PT0S",
       "action": "REASSIGN"
      },
      {
       "after": "PT4H",
       "action": "NOTIFY_ADDRESS",
       "address": "revops@lead-handoff.example"
      }
     ]
    },
    {
     "kind": "REVIEW_DECISION",
     "target": "PT24H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "LeadAccepted",
      "LeadRejected"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "SQL_FOLLOW_UP",
     "target": "PT40H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadSalesQualified"
     ],
     "metOn": [
      "LeadOutcomeRecorded"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT8H",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "QUEUED",
     "target": "PT1H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadQueued"
     ],
     "metOn": [
      "LeadAssigned"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    }
   ]
  },
  {
   "priorities": [
    "HIGH"
   ],
   "segments": [],
   "clocks": [
    {
     "kind": "FIRST_TOUCH",
     "target": "PT24H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "FirstTouchLogged"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      },
      {
       "after": "PT0S",
       "action": "REASSIGN"
      },
      {
       "after": "PT4H",
       "action": "NOTIFY_ADDRESS",
       "address": "revops@lead-handoff.example"
      }
     ]
    },
    {
     "kind": "REVIEW_DECISION",
     "target": "PT24H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "LeadAccepted",
      "LeadRejected"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "SQL_FOLLOW_UP",
     "target": "PT40H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadSalesQualified"
     ],
     "metOn": [
      "LeadOutcomeRecorded"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT8H",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "QUEUED",
     "target": "PT24H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadQueued"
     ],
     "metOn": [
      "LeadAssigned"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    }
   ]
  },
  {
   "priorities": [
    "WARM"
   ],
   "segments": [],
   "clocks": [
    {
     "kind": "FIRST_TOUCH",
     "target": "PT48H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "FirstTouchLogged"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      },
      {
       "after": "PT0S",
       "action": "REASSIGN"
      },
      {
       "after": "PT4H",
       "action": "NOTIFY_ADDRESS",
       "address": "revops@lead-handoff.example"
      }
     ]
    },
    {
     "kind": "REVIEW_DECISION",
     "target": "PT24H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadAssigned"
     ],
     "metOn": [
      "LeadAccepted",
      "LeadRejected"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "SQL_FOLLOW_UP",
     "target": "PT40H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadSalesQualified"
     ],
     "metOn": [
      "LeadOutcomeRecorded"
     ],
     "stopOn": [
      "LeadRejected",
      "LeadMerged"
     ],
     "pauseOn": [
      "LeadPutOnHold"
     ],
     "resumeOn": [
      "LeadTakenOffHold"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_REP"
      },
      {
       "after": "PT8H",
       "action": "NOTIFY_MANAGER"
      }
     ]
    },
    {
     "kind": "QUEUED",
     "target": "PT48H",
     "warningAt": 0.75,
     "wallTime": false,
     "startOn": [
      "LeadQueued"
     ],
     "metOn": [
      "LeadAssigned"
     ],
     "stopOn": [
      "LeadMerged"
     ],
     "escalation": [
      {
       "after": "PT0S",
       "action": "NOTIFY_MANAGER"
      }
     ]
    }
   ]
  }
 ]
}', now(), 'system', now(), 'system', now());
INSERT INTO sla_policy_change (version, action, actor, at, detail) VALUES (1, 'CREATED', 'system', now(), 'demo policy');
INSERT INTO sla_policy_change (version, action, actor, at, detail) VALUES (1, 'ACTIVATED', 'system', now(), null);

-- What SLA knows of an assignment: who owns it, its priority and segment, and the policy version
-- and tier its clocks follow (later events start clocks from it, e.g. an SQL follow-up).
CREATE TABLE sla_assignment (
    assignment_id  UUID PRIMARY KEY,
    lead_id        UUID         NOT NULL,
    owner_login    VARCHAR(100),
    owner_email    VARCHAR(320),
    manager_login  VARCHAR(100),
    manager_email  VARCHAR(320),
    team_name      VARCHAR(200),
    priority       VARCHAR(10)  NOT NULL,
    segment        VARCHAR(50),
    policy_version INTEGER      NOT NULL,
    tier           INTEGER,
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sla_assignment_lead ON sla_assignment (lead_id);
INSERT INTO sla_assignment (assignment_id, lead_id, owner_login, owner_email, manager_login, manager_email, team_name,
                            priority, segment, policy_version, tier, updated_at)
SELECT DISTINCT ON (assignment_id) assignment_id, lead_id, owner_login, owner_email, manager_login, manager_email,
       team_name, priority, null, 1, CASE priority WHEN 'HOT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END, now()
FROM sla_clock ORDER BY assignment_id, started_at DESC;

-- A clock follows its policy version and tier; it may be paused (its elapsed time kept in
-- elapsed_before_seconds); each restart (a new owner after a breach, a lead handed out again) is
-- a new round, so the alerts and escalation steps of one round never stand in for another's.
ALTER TABLE sla_clock ADD COLUMN policy_version INTEGER;
ALTER TABLE sla_clock ADD COLUMN tier INTEGER;
ALTER TABLE sla_clock ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sla_clock ADD COLUMN paused_at TIMESTAMPTZ;
UPDATE sla_clock SET policy_version = 1, tier = CASE priority WHEN 'HOT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END;

-- Escalation steps are alerts too: one per clock, round, kind and step.
ALTER TABLE sla_alert ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sla_alert ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sla_alert ADD COLUMN action VARCHAR(30);
ALTER TABLE sla_alert DROP CONSTRAINT sla_alert_clock_id_kind_key;
ALTER TABLE sla_alert ADD CONSTRAINT sla_alert_once UNIQUE (clock_id, round, kind, step);
