-- Hybrid retrieval: full-text search over question and answer, fused with vector similarity.
-- The seed's search_qa_pairs is unchanged.

ALTER TABLE qa_pairs ADD COLUMN IF NOT EXISTS search_text tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(question, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(answer, '')), 'B')
  ) STORED;

CREATE INDEX IF NOT EXISTS idx_qa_pairs_search_text ON qa_pairs USING gin (search_text);

-- Reciprocal rank fusion (k = 60) of the vector ranking and the full-text ranking, over the
-- workspace's active pairs. `similarity` is always the cosine (confidence is on that scale);
-- `fused_score` orders the rows.
CREATE OR REPLACE FUNCTION search_qa_pairs_hybrid(
  p_workspace_id uuid,
  query_embedding vector(1536),
  query_text text,
  match_count int DEFAULT 5,
  candidate_count int DEFAULT 50
)
RETURNS TABLE (
  id uuid,
  question text,
  answer text,
  category text,
  similarity float,
  fused_score float
)
LANGUAGE sql STABLE
AS $$
  WITH vec AS (
    SELECT qp.id, row_number() OVER (ORDER BY qp.embedding <=> query_embedding) AS rnk
    FROM qa_pairs qp
    WHERE qp.workspace_id = p_workspace_id AND qp.is_active = true AND qp.embedding IS NOT NULL
    ORDER BY qp.embedding <=> query_embedding
    LIMIT candidate_count
  ),
  fts AS (
    SELECT qp.id, row_number() OVER (ORDER BY ts_rank_cd(qp.search_text, q) DESC) AS rnk
    FROM qa_pairs qp, websearch_to_tsquery('english', coalesce(query_text, '')) q
    WHERE qp.workspace_id = p_workspace_id AND qp.is_active = true AND qp.search_text @@ q
    ORDER BY ts_rank_cd(qp.search_text, q) DESC
    LIMIT candidate_count
  ),
  fused AS (
    SELECT coalesce(v.id, f.id) AS id,
           coalesce(1.0 / (60 + v.rnk), 0) + coalesce(1.0 / (60 + f.rnk), 0) AS score
    FROM vec v FULL OUTER JOIN fts f ON v.id = f.id
  )
  SELECT qp.id, qp.question, qp.answer, qp.category,
         (1 - (qp.embedding <=> query_embedding))::float AS similarity,
         fused.score::float AS fused_score
  FROM fused JOIN qa_pairs qp ON qp.id = fused.id
  WHERE qp.workspace_id = p_workspace_id AND qp.is_active = true
  ORDER BY fused.score DESC, similarity DESC
  LIMIT match_count;
$$;
