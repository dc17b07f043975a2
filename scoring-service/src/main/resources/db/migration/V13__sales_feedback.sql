-- When sales sent a lead back to marketing: it qualifies again only on intent earned after this.
ALTER TABLE lead ADD COLUMN recycled_at TIMESTAMPTZ;

-- What sales said about each MQL (accepted or rejected, with the reason), with the rules that had
-- fired for it and its source: acceptance by rule and by source, per model version.
CREATE TABLE sales_feedback (
    id            BIGSERIAL PRIMARY KEY,
    lead_id       UUID         NOT NULL,
    model_version INTEGER,
    verdict       VARCHAR(10)  NOT NULL, -- ACCEPTED, REJECTED
    reason        VARCHAR(40),
    source        VARCHAR(200),
    rules         JSONB        NOT NULL DEFAULT '[]',
    at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sales_feedback_version ON sales_feedback (model_version, verdict);
