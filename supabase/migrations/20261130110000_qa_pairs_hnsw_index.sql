-- ============================================
-- The vector index for Postgres deployments: HNSW instead of the seed's IVFFlat.
--
-- Measured with `npm run bench -- vector` (README "Vector index"): IVFFlat learns its lists
-- from the rows present when it is built, and the seed's migration builds it on an empty
-- table, so it is either probed exhaustively (no faster than a scan) or loses recall until
-- someone rebuilds it. HNSW needs no training: it stays accurate as pairs arrive. Searched
-- with ef_search = 100 and pgvector 0.8's relaxed iterative scan, so a search filtered to
-- one workspace keeps walking the graph until it has its top 5 instead of starving, and
-- with custom plans (plan_cache_mode), so the planner sees which workspace it searches:
-- small workspaces in a shared table are served exactly by the workspace B-tree, and a
-- workspace given its own partial index (clara_build_workspace_hnsw_index) by that index.
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
  -- A plpgsql query switches to a generic plan after five calls, planned for an average
  -- workspace: it would never use a vector index for a large one, nor a partial index.
  ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
    SET plan_cache_mode = 'force_custom_plan';
  ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
    SET hnsw.ef_search = 100;
  IF pgvector >= ARRAY[0, 8, 0] THEN
    ALTER FUNCTION search_qa_pairs(uuid, vector, double precision, integer)
      SET hnsw.iterative_scan = 'relaxed_order';
  END IF;
  RETURN 'hnsw';
END;
$$;

-- A partial HNSW index for one large workspace in a shared table (`clara index rebuild
-- --workspace ID`): its searches walk a graph of its own pairs only, so recall does not
-- depend on how much of the table the workspace holds. Rebuilt when it exists already.
CREATE OR REPLACE FUNCTION clara_build_workspace_hnsw_index(p_workspace_id uuid)
RETURNS text
LANGUAGE plpgsql
SET search_path = public
AS $$
DECLARE
  index_name text := 'idx_qa_pairs_embedding_' || replace(p_workspace_id::text, '-', '');
BEGIN
  IF NOT EXISTS (SELECT 1 FROM workspaces WHERE id = p_workspace_id) THEN
    RAISE EXCEPTION 'no workspace %', p_workspace_id USING ERRCODE = 'no_data_found';
  END IF;
  PERFORM set_config('maintenance_work_mem', '512MB', true);
  EXECUTE format('DROP INDEX IF EXISTS %I', index_name);
  EXECUTE format(
    'CREATE INDEX %I ON qa_pairs USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE workspace_id = %L',
    index_name, p_workspace_id);
  RETURN index_name;
END;
$$;

REVOKE ALL ON FUNCTION clara_build_hnsw_index() FROM PUBLIC;
REVOKE ALL ON FUNCTION clara_build_workspace_hnsw_index(uuid) FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON FUNCTION clara_build_hnsw_index() FROM anon, authenticated;
    REVOKE ALL ON FUNCTION clara_build_workspace_hnsw_index(uuid) FROM anon, authenticated;
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
