-- ============================================
-- When the owner last acted on a gap (resolved, linked, dismissed or reopened it).
-- A visitor who takes back the thumbs-down that filed a gap withdraws (deletes) that gap while
-- it is theirs alone; once the owner has handled it, it is the owner's and stays, even when it
-- is open again after a reopen. Set by the owner's actions in the store (closeGap, closeGaps,
-- reopenGaps), not by a visitor's "Did you mean…?" choice. Gaps handled before this migration
-- are closed ones (a closed gap is never withdrawn): they are marked from their status; an
-- open gap reopened before it cannot be told apart and stays unmarked.
-- ============================================

ALTER TABLE qa_gaps ADD COLUMN IF NOT EXISTS owner_handled_at timestamptz;

UPDATE qa_gaps SET owner_handled_at = created_at
WHERE status <> 'open' AND chosen_qa_id IS NULL AND owner_handled_at IS NULL;
