-- ============================================
-- LLM-answered messages per workspace and UTC day: the daily cap that protects an
-- owner's API key (settings.llm_daily_cap). Counted here, not in memory, so the cap
-- holds across every instance serving the workspace.
-- ============================================

CREATE TABLE llm_usage (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day date NOT NULL,
  answers integer NOT NULL DEFAULT 0 CHECK (answers >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, day)
);

ALTER TABLE llm_usage ENABLE ROW LEVEL SECURITY;

CREATE POLICY llm_usage_owner ON llm_usage
  FOR SELECT USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );
