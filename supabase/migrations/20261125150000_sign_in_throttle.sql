-- ============================================
-- Brute-force protection for embedded email + password sign-in.
-- One row per (email, client address) key, stored as a SHA-256 hex digest so
-- neither the address nor the email sits here in clear. Kept in the database,
-- not in process memory, so several Clara instances count failures together.
-- ============================================

CREATE TABLE auth_sign_in_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_auth_sign_in_failures_last ON auth_sign_in_failures(last_failure_at);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE auth_sign_in_failures ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON auth_sign_in_failures FROM anon, authenticated;
