-- ============================================
-- A version counter per workspace, bumped by every change to its Q&A pairs, so a
-- process that caches a workspace's vectors (the embedded server's in-memory index)
-- knows with one cheap read whether its copy is still current.
-- ============================================

CREATE TABLE qa_pairs_versions (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 0
);

ALTER TABLE qa_pairs_versions ENABLE ROW LEVEL SECURITY;

-- SECURITY DEFINER: owners change their pairs as role `authenticated`, which has no
-- access to this table (RLS on, no policy); the bump must still happen.
CREATE OR REPLACE FUNCTION bump_qa_pairs_version()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public
AS $$
BEGIN
  INSERT INTO qa_pairs_versions AS v (workspace_id, version)
  SELECT DISTINCT t.workspace_id, 1 FROM changed t
  ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END;
$$;

-- Statement-level: one bump per statement, however many rows it touched.
CREATE TRIGGER bump_qa_pairs_version_insert
  AFTER INSERT ON qa_pairs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_qa_pairs_version();

CREATE TRIGGER bump_qa_pairs_version_update
  AFTER UPDATE ON qa_pairs REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_qa_pairs_version();

CREATE TRIGGER bump_qa_pairs_version_delete
  AFTER DELETE ON qa_pairs REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_qa_pairs_version();
