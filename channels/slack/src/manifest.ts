/** Bot scopes Clara needs, each with the reason. */
export const slackBotScopes = [
  'app_mentions:read', // app_mention events
  'chat:write', // answers and their updates
  'im:history', // message.im: DMs to Clara
  'im:read',
  'channels:history', // message.channels: thread follow-ups in public channels
  'groups:history', // message.groups: the same in private channels
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
] as const;

const quote = (s: string) => JSON.stringify(s);

/**
 * The Slack app manifest (YAML) for this server: paste it at api.slack.com/apps → Create New App →
 * From an app manifest. Events and interactivity point at `{publicUrl}/slack/events`.
 */
export function slackManifest(publicUrl: string, name = 'Clara'): string {
  const base = publicUrl.replace(/\/+$/, '');
  return [
    'display_information:',
    `  name: ${quote(name)}`,
    `  description: ${quote('Answers questions from your knowledge base')}`,
    'features:',
    '  app_home:',
    '    home_tab_enabled: true',
    '    messages_tab_enabled: true',
    '    messages_tab_read_only_enabled: false',
    // Clara in Slack's AI app container (the split view): threads in the DM with the app.
    '  assistant_view:',
    `    assistant_description: ${quote('Ask me anything from your knowledge base.')}`,
    '  bot_user:',
    `    display_name: ${quote(name)}`,
    '    always_online: true',
    'oauth_config:',
    '  scopes:',
    '    bot:',
    ...slackBotScopes.map((s) => `      - ${s}`),
    'settings:',
    '  event_subscriptions:',
    `    request_url: ${quote(`${base}/slack/events`)}`,
    '    bot_events:',
    ...slackBotEvents.map((e) => `      - ${e}`),
    '  interactivity:',
    '    is_enabled: true',
    `    request_url: ${quote(`${base}/slack/events`)}`,
    // Org-wide installs on Enterprise Grid: events from every workspace of the org, authorised by the org's id.
    '  org_deploy_enabled: true',
    '  socket_mode_enabled: false',
    '  token_rotation_enabled: false',
    '',
  ].join('\n');
}
