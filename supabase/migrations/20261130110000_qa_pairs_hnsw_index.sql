-- ============================================
-- The vector index for Postgres deployments: HNSW instead of the seed's IVFFlat.
--
-- Measured with `npm run bench -- vector` (README "Vector index"): IVFFlat learns its lists
-- from the rows present when it is built, and the seed's migration builds it on an empty
-- table, so it is either probed exhaustively (no faster than a scan) or loses recall until
-- someone rebuilds it. HNSW needs no training: it stays accurate as pairs arrive. Searched
-- with ef_search = 100 and pgvector 0.8's relaxed iterative scan, so a search filtered to
-- one workspace keeps walking the graph until it has its top 5 instead of starving; small
-- workspaces in a shared table are served by the workspace B-tree, as the planner chooses.
--
-- The embedded database (PGlite, WebAssembly) keeps the seed's index: Clara searches an
-- exact in-memory copy of each workspace's vectors there, and HNSW maintenance would only
-- slow imports (5,000 pairs: 3.6 s with IVFFlat, 19.4 s with HNSW).
-- ============================================

-- One definition of the shipped index, used by this migration and `clara index rebuild`.
-- Server-only: not callable by the API roles.
CREATE OR REPLACE FUNCTION clara_build_hnsw_index()
RETURNS text
LANGUAGE plpgsql
SET search_path = public
AS $$
DECLARE
  pgvector int[] := string_to_array(
    (SELECT extversion FROM pg_extension WHERE extname = 'vector'), '.')::int[];
BEGIN
  IF pgvector < ARRAY[0, 5, 0] THEN
    RAISE NOTICE 'pgvector % has no HNSW: keeping idx_qa_pairs_embedding as it is', array_to_string(pgvector, '.');
    RETURN 'unchanged';
  END IF;
  -- Building the graph in memory is many times faster than on disk (about 7 kB a pair).
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  DROP INDEX IF EXISTS idx_qa_pairs_embedding;
  CREATE INDEX idx_qa_pairs_embedding ON qa_pairs
    USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
  -- The search settings travel with the seed's function, so every caller (the store,
  -- supabase.rpc) searches the same way.
  IF pgvector >= ARRAY[0, 8, 0] THEN
    ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
      SET hnsw.ef_search = 100;
    ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
      SET hnsw.iterative_scan = 'relaxed_order';
  ELSE
    ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
      SET hnsw.ef_search = 100;
  END IF;
  RETURN 'hnsw';
END;
$$;

REVOKE ALL ON FUNCTION clara_build_hnsw_index() FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON FUNCTION clara_build_hnsw_index() FROM anon, authenticated;
  END IF;
END;
$$;

DO $$
BEGIN
  IF version() ILIKE '%emscripten%' THEN
    RAISE NOTICE 'embedded database: idx_qa_pairs_embedding stays IVFFlat (searches run in memory)';
  ELSE
    PERFORM clara_build_hnsw_index();
  END IF;
END;
$$;
