-- ============================================
-- "Add to Slack" (OAuth v2): the state of each install an owner started.
-- Only the SHA-256 of the random state is kept; a state is bound to the workspace whose owner
-- started the install, expires after a few minutes and is used once (deleted when consumed).
-- ============================================

CREATE TABLE slack_oauth_states (
  state_hash text PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX idx_slack_oauth_states_expires ON slack_oauth_states(expires_at);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE slack_oauth_states ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON slack_oauth_states FROM anon, authenticated;
