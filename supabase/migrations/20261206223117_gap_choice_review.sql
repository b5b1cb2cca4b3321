-- ============================================
-- The owner's review of a visitor's choice among "Did you mean…?" suggestions.
-- A recorded choice (qa_gaps.chosen_qa_id) is evidence of a new phrasing of the chosen pair;
-- the owner accepts it (the visitor's wording becomes a phrasing: a pair with that answer)
-- or dismisses it. Either way it leaves the list of choices to review.
-- ============================================

ALTER TABLE qa_gaps
  ADD COLUMN IF NOT EXISTS choice_review text CHECK (choice_review IN ('accepted', 'dismissed')),
  ADD COLUMN IF NOT EXISTS choice_reviewed_at timestamptz;
