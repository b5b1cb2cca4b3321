-- ============================================
-- Server-side sessions for embedded email + password sign-in.
-- Each session JWT names its row (`sid`); a token is accepted only while its row
-- exists, is not revoked and has not expired, so signing out, "sign out everywhere",
-- a password change or reset, and deleting the user end it at once.
-- ============================================

CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX idx_auth_sessions_user ON auth_sessions(user_id);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE auth_sessions ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON auth_sessions FROM anon, authenticated;
