-- ============================================
-- CSV import jobs: status and progress of an import as the admin polls it, kept in the
-- database so any instance behind the load balancer answers the poll, not only the one
-- running the import. The running instance writes progress every batch and a heartbeat
-- while it works; a running job without an update for two minutes is reported failed (its
-- instance died). Finished jobs are deleted after a day.
-- ============================================

CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  phase text NOT NULL DEFAULT 'embedding' CHECK (phase IN ('embedding', 'saving', 'done')),
  total integer NOT NULL CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  saved integer NOT NULL DEFAULT 0 CHECK (saved >= 0),
  -- { imported, skipped, errors: [{ row, message }], batch_id } once done.
  result jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_import_jobs_workspace ON import_jobs(workspace_id);
CREATE INDEX idx_import_jobs_updated ON import_jobs(updated_at);

-- Owners read their own workspace's jobs (as the admin routes do, through withOwner);
-- only the server writes them.
ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;

CREATE POLICY import_jobs_owner ON import_jobs
  FOR SELECT USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON import_jobs FROM anon, authenticated;
