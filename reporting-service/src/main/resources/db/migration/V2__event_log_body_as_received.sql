-- The event log keeps each body exactly as received (a replay with newer code must see fields this
-- release did not know), in arrival order (seq: the order the service applied them in).
ALTER TABLE event_log ADD COLUMN body TEXT;
UPDATE event_log SET body = payload::text;
ALTER TABLE event_log ALTER COLUMN body SET NOT NULL;
ALTER TABLE event_log DROP COLUMN payload;
ALTER TABLE event_log ADD COLUMN seq BIGSERIAL;
CREATE UNIQUE INDEX event_log_seq ON event_log (seq);
