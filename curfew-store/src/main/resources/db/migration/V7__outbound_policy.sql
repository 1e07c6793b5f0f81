-- Curfew schema, version 7: limits on what receivers can make Curfew do.
--
-- Same rules as V1__schema.sql: one SQL for PostgreSQL and H2 in PostgreSQL mode, times as BIGINT epoch
-- milliseconds.

-- SSF 1.0 section 8.1.1 min_verification_interval: when the stream's receiver last had a verification event
-- queued. NULL until the first.
ALTER TABLE ssf_streams ADD COLUMN last_verification_at BIGINT;

-- A failed delivery's error is only a short reason now ("HTTP 500"), never the receiver's answer. Earlier versions
-- kept up to 200 characters of the answer after the status ("HTTP 500: <body>", also after "; last error: " in a
-- dead row's error); cut them off at the status.
UPDATE outbox SET last_error = SUBSTRING(last_error, 1, 8) WHERE last_error LIKE 'HTTP ___: %';
UPDATE outbox SET last_error = SUBSTRING(last_error, 1, POSITION('; last error: HTTP ' IN last_error) + 21)
    WHERE last_error LIKE '%; last error: HTTP ___: %';
