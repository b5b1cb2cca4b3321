-- ============================================
-- A dismissed question stays dismissed when visitors ask it again.
-- The seed files a gap for every reply below the threshold (one open gap per question). Once the
-- owner has dismissed a question ("not something I want to answer"), a new ask of it (same
-- `question_key`, the app's questionKey: case, accents, punctuation, hyphens and plurals aside;
-- rows filed before this column compare lower(question)) is still filed as a gap row, but
-- dismissed at once and attached to the dismissed gap (`dismissed_gap_id`): the Dismissed tab
-- counts it on that gap, the open inbox never shows it. Rows with a dismissed_gap_id are those
-- recorded asks, never listed or counted on their own.
-- ============================================

ALTER TABLE qa_gaps ADD COLUMN IF NOT EXISTS question_key text;
ALTER TABLE qa_gaps ADD COLUMN IF NOT EXISTS dismissed_gap_id uuid REFERENCES qa_gaps(id) ON DELETE SET NULL;

CREATE INDEX IF NOT EXISTS idx_qa_gaps_dismissed_key
  ON qa_gaps (workspace_id, question_key)
  WHERE status = 'dismissed' AND dismissed_gap_id IS NULL;

CREATE INDEX IF NOT EXISTS idx_qa_gaps_dismissed_gap
  ON qa_gaps (dismissed_gap_id)
  WHERE dismissed_gap_id IS NOT NULL;
