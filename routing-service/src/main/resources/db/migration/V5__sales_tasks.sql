-- What an assignment asks of its owner: a first touch, due from the priority's first-touch target.
-- It follows the assignment to a new owner, is done at the first touch, and cancelled when the
-- lead leaves the desk (rejected, queued) before.
CREATE TABLE sales_task (
    id            UUID PRIMARY KEY,
    assignment_id UUID         NOT NULL REFERENCES assignment (id),
    lead_id       UUID         NOT NULL,
    owner_login   VARCHAR(100) NOT NULL,
    type          VARCHAR(30)  NOT NULL,
    due_at        TIMESTAMPTZ  NOT NULL,
    status        VARCHAR(20)  NOT NULL, -- OPEN, DONE, CANCELLED
    created_at    TIMESTAMPTZ  NOT NULL,
    done_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX sales_task_open ON sales_task (assignment_id, type) WHERE status = 'OPEN';
CREATE INDEX sales_task_owner ON sales_task (owner_login, status, due_at);
