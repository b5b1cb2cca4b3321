-- ============================================
-- A dismissed question stays dismissed when its dismissed gap is deleted.
-- 20261209060000 attached each later ask of a dismissed question to the dismissed gap
-- (`dismissed_gap_id`) with ON DELETE SET NULL: deleting that gap (its conversation deleted by
-- the owner or by retention) turned every recorded ask into a dismissed gap of its own, each
-- listed as a Dismissed card. Now the newest surviving ask takes the dismissed gap's place
-- (dismissed_gap_id NULL) and the other surviving asks are attached to it: the owner's dismissal
-- stays in force, with one Dismissed card. Asks deleted in the same statement are not chosen.
-- The foreign key is deferred to the end of the transaction so the trigger (after the statement)
-- can re-point the asks before it is checked; it no longer nulls them.
-- ============================================

ALTER TABLE qa_gaps DROP CONSTRAINT IF EXISTS qa_gaps_dismissed_gap_id_fkey;
ALTER TABLE qa_gaps ADD CONSTRAINT qa_gaps_dismissed_gap_id_fkey
  FOREIGN KEY (dismissed_gap_id) REFERENCES qa_gaps(id) DEFERRABLE INITIALLY DEFERRED;

CREATE OR REPLACE FUNCTION promote_dismissed_asks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  parent record;
  heir uuid;
BEGIN
  FOR parent IN
    SELECT o.id FROM old_gaps o WHERE o.status = 'dismissed' AND o.dismissed_gap_id IS NULL
  LOOP
    SELECT g.id INTO heir FROM qa_gaps g
      WHERE g.dismissed_gap_id = parent.id
      ORDER BY g.created_at DESC, g.id DESC LIMIT 1;
    CONTINUE WHEN heir IS NULL;
    UPDATE qa_gaps SET dismissed_gap_id = NULL WHERE id = heir;
    UPDATE qa_gaps SET dismissed_gap_id = heir WHERE dismissed_gap_id = parent.id;
  END LOOP;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS qa_gaps_promote_dismissed_asks ON qa_gaps;
CREATE TRIGGER qa_gaps_promote_dismissed_asks
  AFTER DELETE ON qa_gaps
  REFERENCING OLD TABLE AS old_gaps
  FOR EACH STATEMENT EXECUTE FUNCTION promote_dismissed_asks();
