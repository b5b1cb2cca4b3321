import { slackManifestYaml } from './manifest-yaml';

/** Bot scopes Clara needs, each with the reason. */
export const slackBotScopes = [
  'app_mentions:read', // app_mention events
  'chat:write', // answers and their updates
  'im:history', // message.im: DMs to Clara
  'im:read',
  'channels:history', // message.channels: thread follow-ups in public channels
  'groups:history', // message.groups: the same in private channels
  // conversations.replies/history of a group DM Clara was mentioned in: a follow-up whose post
  // timed out is looked up there before it is posted again (channels, groups, ims: the above).
  'mpim:history',
  'users:read', // users.info: the asker's name on the session
  'assistant:write', // assistant.threads.setStatus/setSuggestedPrompts/setTitle: the AI app container
] as const;

/** Bot events Clara subscribes to. */
export const slackBotEvents = [
  'app_mention',
  'message.im',
  'message.channels',
  'message.groups',
  // A person opened a thread in Clara's assistant container (welcome and suggested prompts).
  'assistant_thread_started',
  // The Home tab was opened: its view is published (what Clara can answer).
  'app_home_opened',
  // The app was removed, or its bot token revoked: the connection is switched off. No scope needed.
  'app_uninstalled',
  'tokens_revoked',
] as const;

/** Where Slack sends the browser back after "Add to Slack" (the manifest's redirect URL). */
export const slackOAuthCallbackPath = '/slack/oauth/callback';

/** A Slack app manifest, as Slack documents it (the parts Clara fills in). */
export interface SlackAppManifest {
  display_information: { name: string; description: string };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    assistant_view: { assistant_description: string };
    bot_user: { display_name: string; always_online: boolean };
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** The bot user's name: Slack allows `a-z`, `0-9`, `-`, `_` and `.`, at most 80 characters. */
export function slackBotDisplayName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return cleaned || 'clara';
}

/**
 * The manifest for this server: events, interactivity and the OAuth redirect URL point at
 * `publicUrl`. `tokenRotation` turns on rotating tokens (Slack cannot turn it off again; only
 * apps installed with "Add to Slack" keep a refresh token).
 */
export function slackManifestObject(
  publicUrl: string,
  options: { name?: string; tokenRotation?: boolean } = {},
): SlackAppManifest {
  const base = publicUrl.replace(/\/+$/, '');
  const name = (options.name ?? 'Clara').slice(0, 35);
  return {
    display_information: { name, description: 'Answers questions from your knowledge base' },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      // Clara in Slack's AI app container (the split view): threads in the DM with the app.
      assistant_view: { assistant_description: 'Ask me anything from your knowledge base.' },
      bot_user: { display_name: slackBotDisplayName(name), always_online: true },
    },
    oauth_config: {
      redirect_urls: [`${base}${slackOAuthCallbackPath}`],
      scopes: { bot: [...slackBotScopes] },
    },
    settings: {
      event_subscriptions: { request_url: `${base}/slack/events`, bot_events: [...slackBotEvents] },
      interactivity: { is_enabled: true, request_url: `${base}/slack/events` },
      // Org-wide installs on Enterprise Grid: events from every workspace of the org, authorised by the org's id.
      org_deploy_enabled: true,
      socket_mode_enabled: false,
      token_rotation_enabled: options.tokenRotation === true,
    },
  };
}

/**
 * The Slack app manifest (YAML) for this server: paste it at api.slack.com/apps → Create New App →
 * From an app manifest. Events and interactivity point at `{publicUrl}/slack/events`.
 */
export function slackManifest(publicUrl: string, name = 'Clara'): string {
  return slackManifestYaml(slackManifestObject(publicUrl, { name }));
}
