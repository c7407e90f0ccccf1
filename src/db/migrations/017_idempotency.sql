-- 重复提交保护: a create action sent twice with the same Idempotency-Key (a double tap, a retry
-- after a dropped connection) makes one record. The first request claims the key; its answer is
-- kept for 24 hours and a repeat gets that answer back instead of running again.
-- Keyed by the user (not a county table: a user acts across his area).
CREATE TABLE idempotency_request (
  user_id       integer     NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,              -- method, path and body: the same key with other content is refused
  status_code   integer,                           -- NULL while the first request is still running
  content_type  text,
  response_body text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_request_created ON idempotency_request (created_at);
