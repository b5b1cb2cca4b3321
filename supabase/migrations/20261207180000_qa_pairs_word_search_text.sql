-- ============================================
-- Each pair's text as the knowledge word search reads it, and its question's key as answering a
-- gap compares it, stored by the app (core's `searchText` and `questionKey`: Unicode case, accents,
-- hyphens, plurals; folding them in SQL depends on the database's locale, and lower() under the C
-- locale folds only ASCII). Every writer in the store sets them; rows written before this
-- migration are filled by `clara migrate` and at server start (`backfillPairSearchText`), and the
-- search folds a row's text in SQL while its column is still empty.
-- ============================================

ALTER TABLE qa_pairs
  ADD COLUMN IF NOT EXISTS search_question text,
  ADD COLUMN IF NOT EXISTS search_answer text,
  ADD COLUMN IF NOT EXISTS question_key text;

-- Answering a gap: the workspace's pairs with the question's key (and those not yet filled).
CREATE INDEX IF NOT EXISTS idx_qa_pairs_workspace_question_key ON qa_pairs (workspace_id, question_key);

-- A question or answer changed by a writer that did not set its stored forms (SQL typed by hand,
-- a table editor) empties them, so the search falls back to folding the new text and the next
-- backfill writes them: never a stale text found by words it no longer holds.
CREATE OR REPLACE FUNCTION clear_stale_qa_pairs_word_search()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.question IS DISTINCT FROM OLD.question THEN
    IF NEW.search_question IS NOT DISTINCT FROM OLD.search_question THEN NEW.search_question := NULL; END IF;
    IF NEW.question_key IS NOT DISTINCT FROM OLD.question_key THEN NEW.question_key := NULL; END IF;
  END IF;
  IF NEW.answer IS DISTINCT FROM OLD.answer AND NEW.search_answer IS NOT DISTINCT FROM OLD.search_answer THEN
    NEW.search_answer := NULL;
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS clear_stale_qa_pairs_word_search ON qa_pairs;
CREATE TRIGGER clear_stale_qa_pairs_word_search
  BEFORE UPDATE OF question, answer ON qa_pairs
  FOR EACH ROW EXECUTE FUNCTION clear_stale_qa_pairs_word_search();

-- The backfill's rows (every pair at first, none once it has run): a start with nothing to fill
-- costs one empty index scan.
CREATE INDEX IF NOT EXISTS idx_qa_pairs_word_search_missing ON qa_pairs (id)
  WHERE search_question IS NULL OR search_answer IS NULL OR question_key IS NULL;
