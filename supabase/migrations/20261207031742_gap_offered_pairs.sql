-- ============================================
-- The pairs a "Did you mean…?" reply offered for a gap's question, in the order shown.
-- `best_match_id` / `similarity_score` keep the seed's meaning (the nearest pair and its cosine,
-- however unrelated); the inbox offers "Use the answer of …" only for these offered pairs,
-- which the engine found plausible (confidence at or above the clarify floor). Empty for an
-- honest "I don't have that information yet" gap, a thumbs-down gap and gaps filed before this.
-- ============================================

ALTER TABLE qa_gaps ADD COLUMN offered_qa_ids uuid[] NOT NULL DEFAULT '{}';
