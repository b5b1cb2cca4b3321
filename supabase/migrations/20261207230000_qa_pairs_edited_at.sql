-- ============================================
-- When the owner last changed a pair's text or category (an edit in the admin, a bulk move to
-- another category). updated_at cannot say this: background work (augmentation marks, search
-- text backfill, re-embedding) touches pairs too. Undoing an import keeps the pairs edited after
-- it. Pairs edited before this column existed have none: they read as unedited.
-- ============================================

ALTER TABLE qa_pairs ADD COLUMN edited_at timestamptz;
