-- ============================================
-- Visitors' data under the owner's control (workspace setting `retention_days`):
-- a daily sweep deletes conversations last active more than N days ago and the gaps
-- filed from them. Any instance may run it; `maintenance_runs` lets one claim a day's run
-- (a claim left unfinished for 30 minutes may be taken over), and the deletes themselves
-- skip rows another sweep holds, so two sweeps at once do no harm.
-- ============================================

CREATE TABLE maintenance_runs (
  task text NOT NULL,
  day date NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  result jsonb,
  PRIMARY KEY (task, day)
);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE maintenance_runs ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON maintenance_runs FROM anon, authenticated;

-- The sweep and the conversation list read sessions by workspace and last activity.
CREATE INDEX IF NOT EXISTS idx_chat_sessions_workspace_updated ON chat_sessions (workspace_id, updated_at);
-- Deleting a session sets (or, here, deletes) its gaps: without an index each deleted
-- session would scan qa_gaps.
CREATE INDEX IF NOT EXISTS idx_qa_gaps_session ON qa_gaps (session_id);
