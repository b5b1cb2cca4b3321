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

/**
 * A Slack team or Teams bot that was connected to this workspace until another Clara account
 * connected it (having proved control of it): Clara no longer answers in it for this workspace.
 * Who took it is never shown. Dismiss with `POST /api/admin/channels/moves/:id/dismiss` (204).
 */
export interface ConnectionMove {
  id: string;
  channel: 'slack' | 'teams';
  /** Slack: the team id; Teams: the bot's Microsoft App ID. */
  external_id: string;
  /** The connection's label here when it moved. */
  label: string | null;
  moved_at: string;
}

/** `GET /api/admin/channels`. */
export interface ChannelsOverview {
  connections: Connection[];
  /** Connections taken by another Clara account in the last 90 days, not dismissed, newest first. */
  moved_away: ConnectionMove[];
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
