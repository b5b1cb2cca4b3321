-- ============================================
-- Vectors of a pair from another embedder than the one that wrote qa_pairs.embedding (the
-- built-in local embedder): OpenAI text-embedding-3-small for workspaces whose default key is
-- an OpenAI key. qa_pairs.embedding stays the local vector, so a workspace always has one
-- complete set to answer from; these are used only when every active pair of the workspace has
-- a current one (source_hash = the pair's question and answer as embedded), never a mix.
-- ============================================

CREATE TABLE qa_pair_vectors (
  qa_id uuid NOT NULL REFERENCES qa_pairs(id) ON DELETE CASCADE,
  embedder text NOT NULL,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  source_hash text NOT NULL,
  embedding vector(1536) NOT NULL,
  embedded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (qa_id, embedder)
);

CREATE INDEX idx_qa_pair_vectors_workspace ON qa_pair_vectors(workspace_id, embedder);

-- Only the server reads and writes them (service path); owners see the progress through the API.
ALTER TABLE qa_pair_vectors ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON qa_pair_vectors FROM anon, authenticated;
