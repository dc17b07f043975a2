-- Thousands of clocks may breach in a second: their rows are updated in place (HOT: no index entry
-- written) when no indexed column changes and the page has room. The open-breach index made every
-- breach a new index entry; the daily digest reads the table once a day without it.
DROP INDEX sla_clock_open_breach;
ALTER TABLE sla_clock SET (fillfactor = 85);
