-- ============================================
-- What the embedded server's in-memory vector copy needs to update itself
-- incrementally after a pair change, instead of reloading the whole workspace:
-- the rows changed since a time (an index on updated_at per workspace), and the
-- ids of deleted rows (tombstones, kept for a day).
-- ============================================

CREATE INDEX idx_qa_pairs_workspace_updated ON qa_pairs(workspace_id, updated_at);

CREATE TABLE qa_pairs_tombstones (
  workspace_id uuid NOT NULL,
  pair_id uuid NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_qa_pairs_tombstones ON qa_pairs_tombstones(workspace_id, deleted_at);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE qa_pairs_tombstones ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON qa_pairs_tombstones FROM anon, authenticated;

-- SECURITY DEFINER: owners delete their pairs as role `authenticated`, which has no access
-- to the tombstones; the record must still be written.
CREATE OR REPLACE FUNCTION record_qa_pairs_tombstones()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public
AS $$
BEGIN
  INSERT INTO qa_pairs_tombstones (workspace_id, pair_id) SELECT t.workspace_id, t.id FROM gone t;
  DELETE FROM qa_pairs_tombstones WHERE deleted_at < now() - interval '1 day';
  RETURN NULL;
END;
$$;

CREATE TRIGGER record_qa_pairs_tombstones
  AFTER DELETE ON qa_pairs REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION record_qa_pairs_tombstones();
