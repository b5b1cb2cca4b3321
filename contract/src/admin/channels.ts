/** A Slack app or Teams bot connected to the workspace (never its credentials). */
export interface Connection {
  id: string;
  channel: 'slack' | 'teams';
  /** Slack: the team id; Teams: the bot's Microsoft App ID. */
  external_id: string;
  label: string | null;
  is_active: boolean;
  created_at: string;
}

/** `GET /api/admin/channels`. */
export interface ChannelsOverview {
  connections: Connection[];
  origin: string;
  https: boolean;
  slack: {
    events_url: string;
    manifest: string;
    env_app: { configured: boolean; this_workspace: boolean };
    /** "Add to Slack": whether the server has the OAuth app (SLACK_CLIENT_ID…), and its redirect URL. */
    oauth: { configured: boolean; redirect_url: string };
  };
  teams: {
    messaging_endpoint: string;
    env_bot: { configured: boolean; this_workspace: boolean; emulator: boolean };
  };
}

/** `POST /api/admin/channels/slack` and `/teams`: the connection stored (201). */
export interface ConnectionResponse {
  connection: Connection;
}
