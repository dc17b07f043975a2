-- Where a team's notifications go: its manager's e-mail, and optionally a Slack-compatible webhook
-- (a team channel) that hears of every new assignment.
ALTER TABLE team ADD COLUMN manager_email VARCHAR(320);
ALTER TABLE team ADD COLUMN webhook_url VARCHAR(500);
