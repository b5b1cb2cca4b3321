-- ============================================
-- At most one default API key per workspace.
-- The seed's "one default per workspace" rule, enforced by the database so
-- that two concurrent "set default" requests cannot leave two defaults.
-- Setting a new default is then: clear the old one, set the new one, in one
-- transaction (clearing first, or the index rejects the second default).
-- ============================================

-- Any duplicates that slipped in before this rule: keep the most recently
-- updated default (ties broken by id), demote the others.
UPDATE api_keys k
SET is_default = false
WHERE k.is_default
  AND EXISTS (
    SELECT 1 FROM api_keys o
    WHERE o.workspace_id = k.workspace_id
      AND o.is_default
      AND (o.updated_at, o.id) > (k.updated_at, k.id)
  );

CREATE UNIQUE INDEX idx_api_keys_one_default
  ON api_keys (workspace_id)
  WHERE is_default;
