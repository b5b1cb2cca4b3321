-- ============================================
-- SECURITY DEFINER functions: pg_temp searched last.
-- `SET search_path = public` leaves pg_temp implicitly FIRST for tables, so a session of role
-- `authenticated` could create a temporary `chat_sessions` (or `qa_pairs`, `workspaces`, …) and
-- have a trigger running with its owner's rights read it: enqueue_gap_followup then queued a
-- follow-up of one workspace into another workspace's Slack or Teams session. Naming pg_temp
-- last (after pg_catalog and public) closes that; the functions' bodies are unchanged.
-- ============================================

ALTER FUNCTION enqueue_gap_followup() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION bump_qa_pairs_version() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION record_qa_pairs_tombstones() SET search_path = pg_catalog, public, pg_temp;
