-- ============================================
-- Chat channels (Slack apps, Teams bots) connected to a workspace.
-- One row per external app/team; credentials are encrypted with Clara's vault
-- (AES-256-GCM, iv:authTag:ciphertext hex, the api_keys format) and hold a JSON object.
-- ============================================

CREATE TABLE channel_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('slack', 'teams')),
  -- Slack: the team (workspace) id, e.g. T0123; Teams: the bot's Microsoft App ID.
  external_id text NOT NULL,
  encrypted_credentials text NOT NULL,
  label text,
  is_active boolean NOT NULL DEFAULT true,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT channel_connections_external_unique UNIQUE (channel, external_id)
);

COMMENT ON COLUMN channel_connections.encrypted_credentials IS 'AES-256-GCM encrypted JSON. Format: iv:authTag:ciphertext (hex-encoded).';

CREATE INDEX idx_channel_connections_workspace ON channel_connections(workspace_id);

CREATE TRIGGER set_updated_at_channel_connections
  BEFORE UPDATE ON channel_connections
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE channel_connections ENABLE ROW LEVEL SECURITY;

CREATE POLICY channel_connections_owner ON channel_connections
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

-- Events a channel has already handled (Slack event_id, Teams activity id), so retries
-- and redeliveries never produce a second answer, across restarts too.
CREATE TABLE channel_events (
  channel text NOT NULL CHECK (channel IN ('slack', 'teams')),
  event_id text NOT NULL,
  workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, event_id)
);

CREATE INDEX idx_channel_events_received ON channel_events(received_at);

ALTER TABLE channel_events ENABLE ROW LEVEL SECURITY;
