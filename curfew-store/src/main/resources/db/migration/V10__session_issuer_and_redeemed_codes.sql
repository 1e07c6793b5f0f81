-- Curfew schema, version 10.
--
-- The issuer a session signed in under (the public URL, or the address the browser used when none is set), and
-- the issuer of the last tokens each client got in it. Logout tokens name the issuer their relying party saw in
-- its ID tokens (OpenID Connect Back-Channel Logout 1.0 §2.6 checks iss as for an ID token), not the one the
-- server would build later outside any request. NULL for sessions from before this version: those fall back to
-- the base URL as before.
ALTER TABLE user_sessions ADD COLUMN issuer TEXT;
ALTER TABLE client_sessions ADD COLUMN issuer TEXT;

-- A redeemed authorization code stays until it would have expired, marked with the time of its redemption, so a
-- second use is told apart from an unknown code and ends the session the code was issued in (RFC 6749 §4.1.2).
ALTER TABLE authorization_codes ADD COLUMN redeemed_at BIGINT;
