import { api } from '../../lib/api';

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

/** GET /admin/channels */
export interface ChannelsOverview {
  connections: Connection[];
  origin: string;
  https: boolean;
  slack: { events_url: string; manifest: string; env_app: { configured: boolean; this_workspace: boolean } };
  teams: {
    messaging_endpoint: string;
    env_bot: { configured: boolean; this_workspace: boolean; emulator: boolean };
  };
}

export const getChannels = () => api<ChannelsOverview>('GET', '/admin/channels');

export const connectSlack = (body: {
  team_id: string;
  bot_token: string;
  signing_secret: string;
  label?: string;
}) => api<{ connection: Connection }>('POST', '/admin/channels/slack', body);

export const connectTeams = (body: {
  app_id: string;
  app_password?: string;
  tenant_id?: string;
  app_type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  label?: string;
}) => api<{ connection: Connection }>('POST', '/admin/channels/teams', body);

export const setConnectionActive = (id: string, active: boolean) =>
  api('POST', `/admin/channels/${id}/${active ? 'activate' : 'deactivate'}`);

export const deleteConnection = (id: string) => api('DELETE', `/admin/channels/${id}`);
