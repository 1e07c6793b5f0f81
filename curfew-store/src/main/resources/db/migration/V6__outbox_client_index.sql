-- Curfew schema, version 6: the admin API lists and counts one client's notifications (the console's client
-- page) without reading the realm's whole outbox.
CREATE INDEX outbox_client_status_idx ON outbox (realm_id, client_id, status, created_at);
