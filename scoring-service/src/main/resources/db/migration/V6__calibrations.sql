-- Calibrations fitted from CRM exports: the settings they were asked with and what they found.
CREATE TABLE calibration (
    id         UUID         PRIMARY KEY,
    created_at TIMESTAMPTZ  NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    settings   JSONB        NOT NULL,
    result     JSONB        NOT NULL
);
