-- ============================================
-- promote_dismissed_asks() (20261209070000) is SECURITY DEFINER: name pg_temp last, as every
-- such function does (20261207025000), so a temporary table of the caller's session can never
-- stand in for qa_gaps while the trigger runs with its owner's rights. The body is unchanged.
-- ============================================

ALTER FUNCTION promote_dismissed_asks() SET search_path = pg_catalog, public, pg_temp;
