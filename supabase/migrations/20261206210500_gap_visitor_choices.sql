-- ============================================
-- Visitors' choices among "Did you mean…?" suggestions.
-- When Clara is not sure, it offers the closest knowledge-base questions and files the
-- question as a gap (the seed's rule). A visitor who then picks one of the offered
-- questions in the same session answers that gap: it is resolved with the chosen pair,
-- and the choice is recorded so the owner can review it (a new phrasing of that pair).
-- ============================================

ALTER TABLE qa_gaps
  ADD COLUMN IF NOT EXISTS chosen_qa_id uuid REFERENCES qa_pairs(id) ON DELETE SET NULL,
  ADD COLUMN IF NOT EXISTS chosen_at timestamptz;

CREATE INDEX IF NOT EXISTS idx_qa_gaps_workspace_chosen
  ON qa_gaps (workspace_id, chosen_at DESC)
  WHERE chosen_qa_id IS NOT NULL;
