-- The team a clock's lead was assigned to: a manager reads the clocks of the teams they manage
-- (common's team_manager, learned from routing's TeamChanged).
ALTER TABLE sla_clock ADD COLUMN team_name VARCHAR(200);
-- breaches are found by the shared timers now, not by scanning open clocks
DROP INDEX sla_clock_open_due;
