-- ============================================
-- A Slack team or Teams app id moves to the workspace whose owner proves control of it (Slack
-- OAuth consent, a verified bot token, Teams credentials): channel_connections is unique on
-- (channel, external_id) and the upsert rebinds workspace_id. The workspace that lost it is told:
-- one row here per move, written by a trigger in the same transaction, whichever path moved it.
-- A row names only the losing workspace and what it lost (channel, id, its label then), never
-- the workspace or owner that took it. The owner of the losing workspace reads and dismisses it.
-- ============================================

CREATE TABLE channel_connection_moves (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The workspace the connection moved away from.
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('slack', 'teams')),
  external_id text NOT NULL,
  label text,
  moved_at timestamptz NOT NULL DEFAULT now(),
  dismissed_at timestamptz
);

CREATE INDEX idx_channel_connection_moves_workspace ON channel_connection_moves (workspace_id, moved_at);

ALTER TABLE channel_connection_moves ENABLE ROW LEVEL SECURITY;

CREATE POLICY channel_connection_moves_owner ON channel_connection_moves
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

-- Owners read their moves and dismiss them; only the trigger writes them.
REVOKE ALL ON channel_connection_moves FROM anon, authenticated;
GRANT SELECT ON channel_connection_moves TO authenticated;
GRANT UPDATE (dismissed_at) ON channel_connection_moves TO authenticated;

-- SECURITY DEFINER: the winner's path (an owner as `authenticated`, or the service path) has no
-- right to write into the loser's workspace; the row must still be written, in the same
-- transaction. pg_temp last, like every SECURITY DEFINER function (20261207025000).
CREATE OR REPLACE FUNCTION record_channel_connection_move()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  INSERT INTO public.channel_connection_moves (workspace_id, channel, external_id, label)
  VALUES (OLD.workspace_id, OLD.channel, OLD.external_id, OLD.label);
  RETURN NULL;
END;
$$;

CREATE TRIGGER record_channel_connection_move
  AFTER UPDATE OF workspace_id ON channel_connections
  FOR EACH ROW
  WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id)
  EXECUTE FUNCTION record_channel_connection_move();
