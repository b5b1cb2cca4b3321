import type {
  ChannelsOverview,
  Connection,
  ConnectionMove,
  ConnectionResponse,
  ConnectSlackRequest,
  ConnectTeamsRequest,
} from '@clara/contract';
import { api } from '../../lib/api';

export type { ChannelsOverview, Connection, ConnectionMove };

export const getChannels = () => api<ChannelsOverview>('GET', '/admin/channels');

export const connectSlack = (body: ConnectSlackRequest) =>
  api<ConnectionResponse>('POST', '/admin/channels/slack', body);

export const connectTeams = (body: ConnectTeamsRequest) =>
  api<ConnectionResponse>('POST', '/admin/channels/teams', body);

export const setConnectionActive = (id: string, active: boolean) =>
  api('POST', `/admin/channels/${id}/${active ? 'activate' : 'deactivate'}`);

export const deleteConnection = (id: string) => api('DELETE', `/admin/channels/${id}`);

/** Dismisses the notice that a Slack team or Teams bot moved to another Clara account (204). */
export const dismissMove = (id: string) => api('POST', `/admin/channels/moves/${id}/dismiss`);

/** "Add to Slack": where to send the browser (Slack's authorize page, with a fresh state). */
export const startSlackInstall = () => api<{ authorize_url: string }>('GET', '/admin/channels/slack/install');
