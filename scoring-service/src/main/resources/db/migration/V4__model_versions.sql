-- Scoring models become versioned data: a version holds its rules, qualification policy and domain
-- lists as one JSON definition (see ModelDefinition), with a status; exactly one is ACTIVE.
CREATE TABLE model_version (
    version        INTEGER      PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    status         VARCHAR(10)  NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
    definition     JSONB        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(200) NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    updated_by     VARCHAR(200) NOT NULL,
    activated_at   TIMESTAMPTZ,
    retired_at     TIMESTAMPTZ,
    rescore_total  INTEGER,
    rescore_done   INTEGER      NOT NULL DEFAULT 0,
    rescore_cursor UUID
);
CREATE UNIQUE INDEX model_version_one_active ON model_version (status) WHERE status = 'ACTIVE';

CREATE TABLE model_change (
    id      BIGSERIAL    PRIMARY KEY,
    version INTEGER      NOT NULL REFERENCES model_version (version),
    action  VARCHAR(20)  NOT NULL,
    actor   VARCHAR(200) NOT NULL,
    at      TIMESTAMPTZ  NOT NULL,
    detail  TEXT
);
CREATE INDEX model_change_version ON model_change (version, id);

-- The demo model, version 1: the scoring table of seed 000 with its negative logic, in the rule kinds
-- of this version (fit, intent with a 30-day half-life, disqualifiers that say where the lead goes).
INSERT INTO model_version (version, name, status, definition, created_at, created_by, updated_at, updated_by, activated_at,
                           rescore_total, rescore_done)
VALUES (1, 'Demo model (seed 000)', 'ACTIVE', $json$
{
  "name": "Demo model (seed 000)",
  "rules": [
    {"id": "industry", "description": "Target industry match", "kind": "FIELD", "feeds": "FIT", "points": 10,
     "condition": {"op": "in", "attribute": "industry",
                   "values": ["software", "saas", "technology", "information technology", "financial services", "fintech"]}},
    {"id": "seniority", "description": "Relevant seniority", "kind": "FIELD", "feeds": "FIT", "points": 10,
     "condition": {"op": "in", "attribute": "seniority",
                   "values": ["director", "head", "vp", "vice president", "c-level", "cxo", "executive", "owner", "founder"]}},
    {"id": "company-size", "description": "Target company size (50-5000 employees)", "kind": "FIELD", "feeds": "FIT",
     "points": 10, "condition": {"op": "range", "attribute": "employees", "min": 50, "max": 5000}},
    {"id": "demo-request", "description": "Demo request submitted", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 15,
     "behaviour": {"eventType": "demo_request", "minCount": 1, "windowDays": 90}},
    {"id": "pricing-page", "description": "Pricing page viewed", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 10,
     "behaviour": {"eventType": "page_view", "url": "*/pricing*", "minCount": 1, "windowDays": 14}},
    {"id": "pricing-and-product", "description": "Pricing and product pages in the same buying window", "kind": "BEHAVIOUR",
     "feeds": "INTENT", "points": 5,
     "behaviour": {"windowDays": 14, "allOf": [{"eventType": "page_view", "url": "*/pricing*"},
                                               {"eventType": "page_view", "url": "*/product*"}]}},
    {"id": "case-study", "description": "Case study page viewed", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 8,
     "behaviour": {"eventType": "page_view", "url": "*/case-stud*", "minCount": 1, "windowDays": 30}},
    {"id": "product-repeat", "description": "Product page repeat visits (each 3 within 14 days)", "kind": "BEHAVIOUR",
     "feeds": "INTENT", "points": 8, "cap": 16,
     "behaviour": {"eventType": "page_view", "url": "*/product*", "minCount": 3, "windowDays": 14}},
    {"id": "webinar", "description": "Webinar attendance", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 5,
     "behaviour": {"eventType": "webinar_attended", "minCount": 1, "windowDays": 90}},
    {"id": "careers-page", "description": "Careers page visit (a job seeker, not a buyer)", "kind": "BEHAVIOUR",
     "feeds": "INTENT", "points": -5, "behaviour": {"eventType": "page_view", "url": "*/careers*", "minCount": 1, "windowDays": 30}},
    {"id": "personal-email", "description": "Personal email address", "kind": "EMAIL_DOMAIN", "feeds": "DISQUALIFY",
     "points": -100, "domainList": "personal", "outcome": "DISQUALIFIED"},
    {"id": "student-or-job-seeker", "description": "Student or job seeker", "kind": "FIELD", "feeds": "DISQUALIFY",
     "points": -100, "outcome": "DISQUALIFIED",
     "condition": {"op": "regex", "attribute": "jobTitle", "regex": "(?i)\\b(student|intern|job seeker|looking for work)\\b"}},
    {"id": "competitor", "description": "Competitor", "kind": "EMAIL_DOMAIN", "feeds": "DISQUALIFY", "points": -100,
     "domainList": "competitor", "outcome": "DISQUALIFIED"},
    {"id": "existing-customer", "description": "Existing customer (to account management)", "kind": "EMAIL_DOMAIN",
     "feeds": "DISQUALIFY", "points": 0, "domainList": "customer", "outcome": "ROUTED_ELSEWHERE"}
  ],
  "policy": {"minFit": 20, "minIntent": 15, "minTotal": null,
             "fastTrack": ["demo_request", "pricing_inquiry", "contact_sales"], "highIntent": 30, "twoTier": false,
             "fitTiers": {"a": 25, "b": 15}, "decay": {"mode": "HALF_LIFE", "days": 30}},
  "domainLists": {"competitor": [], "customer": []}
}
$json$::jsonb, now(), 'flyway', now(), 'flyway', now(), 0, 0);
INSERT INTO model_change (version, action, actor, at, detail) VALUES (1, 'CREATED', 'flyway', now(), 'demo model (seed 000)');
INSERT INTO model_change (version, action, actor, at, detail) VALUES (1, 'ACTIVATED', 'flyway', now(), 'shipped active');

-- the rule tables of the first release give way to the versions above
DROP TABLE scoring_rule;
DROP TABLE scoring_model;

-- what the lead keeps of its score: its fit tier, and when it went to sales (null for an MQL in nurture)
ALTER TABLE lead ADD COLUMN fit_tier VARCHAR(1);
ALTER TABLE lead ADD COLUMN handed_off_at TIMESTAMPTZ;
UPDATE lead SET handed_off_at = qualified_at WHERE lifecycle_stage <> 'LEAD' AND qualified_at IS NOT NULL;
CREATE INDEX lead_lifecycle ON lead (lifecycle_stage, id);
