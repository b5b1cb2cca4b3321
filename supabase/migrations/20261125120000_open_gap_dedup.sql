-- ============================================
-- At most one open gap per question (case-insensitive) in a workspace.
-- The seed's dedup rule, enforced by the database so that concurrent
-- visitors asking the same missing question file one gap, not several.
-- ============================================

-- Any duplicates that slipped in before this rule: keep the oldest open one.
UPDATE qa_gaps g
SET status = 'dismissed'
WHERE g.status = 'open'
  AND EXISTS (
    SELECT 1 FROM qa_gaps o
    WHERE o.workspace_id = g.workspace_id
      AND o.status = 'open'
      AND lower(o.question) = lower(g.question)
      AND (o.created_at, o.id) < (g.created_at, g.id)
  );

CREATE UNIQUE INDEX idx_qa_gaps_open_question
  ON qa_gaps (workspace_id, lower(question))
  WHERE status = 'open';
