-- ============================================
-- The one-embedder check of every search on Postgres (`checkedSearchQaPairs`, `foreignEmbedders`):
-- is any active pair of the workspace embedded by another model than the running one? It read
-- every active pair of the workspace (about 5 ms per search at 10,000 pairs). This index answers
-- it with two short range scans (model < the running one, model > it), which find nothing in the
-- usual case. The embedded database checks a ledger kept in its in-memory copy instead.
-- ============================================

-- Not partial: the planner only reads the statistics of a non-partial index's expression, and
-- without them it expects a third of the pairs to match each range and scans the table.
CREATE INDEX IF NOT EXISTS idx_qa_pairs_workspace_embedding_model
  ON qa_pairs (workspace_id, (coalesce(metadata->>'embedding_model', '')));
