-- Business-hours calendars, assigned to teams and reps: clocks count business time in the owner's
-- calendar (a rep's own first, then the team's; none: wall-clock time).
CREATE TABLE sla_calendar (
    name        VARCHAR(200) PRIMARY KEY,
    definition  JSONB        NOT NULL, -- time zone, weekly windows, holidays
    teams       JSONB        NOT NULL DEFAULT '[]',
    reps        JSONB        NOT NULL DEFAULT '[]',
    updated_by  VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- A clock keeps its target and the calendar it counts in, so elapsed and remaining business time can
-- be shown, and a reassignment can move what is left to the new owner's calendar.
ALTER TABLE sla_clock ADD COLUMN target_seconds BIGINT;
ALTER TABLE sla_clock ADD COLUMN calendar_name VARCHAR(200);
UPDATE sla_clock SET target_seconds = extract(epoch from due_at - started_at)::bigint;
-- A clock moved to a new owner keeps the business time already spent (in the old calendar) and
-- counts the rest in the new owner's calendar from the move.
ALTER TABLE sla_clock ADD COLUMN moved_at TIMESTAMPTZ;
ALTER TABLE sla_clock ADD COLUMN elapsed_before_seconds BIGINT NOT NULL DEFAULT 0;
-- When the clock raised its warning (at sla.warning-at of its target), once.
ALTER TABLE sla_clock ADD COLUMN warned_at TIMESTAMPTZ;
