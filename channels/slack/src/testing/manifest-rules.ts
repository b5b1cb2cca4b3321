/** A YAML value as the manifest uses it. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

function scalar(text: string): YamlValue {
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (text === '[]') return [];
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^["'{[&*!|>%@`#]/.test(text)) throw new Error(`unsupported YAML scalar: ${text}`);
  return text;
}

/**
 * Reads block-style YAML (maps, lists of scalars, two-space indents, plain or double-quoted
 * scalars): the subset an app manifest needs. Anything else throws, so a test never reads a
 * manifest differently from Slack without noticing.
 */
export function readManifestYaml(text: string): YamlValue {
  const rows = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .map((l) => ({ indent: l.length - l.trimStart().length, body: l.trim() }));
  let i = 0;
  function block(indent: number): YamlValue {
    const first = rows[i];
    if (!first || first.indent !== indent) throw new Error(`bad indent at line ${i + 1}`);
    if (first.body.startsWith('- ')) {
      const list: YamlValue[] = [];
      while (rows[i]?.indent === indent && rows[i]?.body.startsWith('- ')) {
        list.push(scalar((rows[i]?.body ?? '').slice(2)));
        i++;
      }
      return list;
    }
    const map: Record<string, YamlValue> = {};
    while (rows[i]?.indent === indent) {
      const m = /^([A-Za-z0-9_]+):(?: (.*))?$/.exec(rows[i]?.body ?? '');
      if (!m?.[1]) throw new Error(`not a key at line ${i + 1}: ${rows[i]?.body}`);
      if (m[1] in map) throw new Error(`duplicate key ${m[1]}`);
      i++;
      map[m[1]] = m[2] !== undefined ? scalar(m[2]) : block(rows[i]?.indent ?? -1);
    }
    return map;
  }
  const value = block(0);
  if (i !== rows.length) throw new Error(`unexpected indent at line ${i + 1}`);
  return value;
}

/** Bot scopes Slack documents (the ones a Clara manifest may ask for). */
export const documentedBotScopes = new Set([
  'app_mentions:read',
  'assistant:write',
  'channels:history',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'commands',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'im:write',
  'mpim:history',
  'mpim:read',
  'users:read',
  'users:read.email',
]);

/** Bot events and the scope each needs (null: none), as Slack's event reference lists them. */
export const documentedBotEvents: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  app_uninstalled: null,
  assistant_thread_context_changed: 'assistant:write',
  assistant_thread_started: 'assistant:write',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  tokens_revoked: null,
};

/** Web API methods Clara calls and the bot scope each needs (null: none). */
export const methodScopes: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.startStream': 'chat:write',
  'chat.appendStream': 'chat:write',
  'chat.stopStream': 'chat:write',
  'conversations.replies': 'channels:history',
  'conversations.history': 'channels:history',
  'users.info': 'users:read',
  'assistant.threads.setStatus': 'assistant:write',
  'assistant.threads.setSuggestedPrompts': 'assistant:write',
  'assistant.threads.setTitle': 'assistant:write',
  'views.publish': null,
  'oauth.v2.access': null,
};

const topLevel = new Set([
  '_metadata',
  'display_information',
  'features',
  'oauth_config',
  'settings',
  'functions',
]);

type Obj = Record<string, YamlValue>;
const obj = (v: YamlValue | undefined): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
const strings = (v: YamlValue | undefined): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

/**
 * Checks a manifest against the rules Slack documents for app manifests (required fields,
 * lengths, characters, https URLs on the server's host, documented scopes and events, and the
 * scope every subscribed event and called method needs). Returns the broken rules, [] if none.
 */
export function slackManifestProblems(
  manifest: YamlValue,
  expect: { host: string; methods?: readonly string[] },
): string[] {
  const problems: string[] = [];
  const m = obj(manifest);
  if (!m) return ['the manifest is not a map'];
  for (const key of Object.keys(m)) if (!topLevel.has(key)) problems.push(`unknown top-level field ${key}`);

  const display = obj(m.display_information);
  const name = display?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 35)
    problems.push('display_information.name is required, 1 to 35 characters');
  const description = display?.description;
  if (description !== undefined && (typeof description !== 'string' || description.length > 140))
    problems.push('display_information.description is at most 140 characters');
  const long = display?.long_description;
  if (long !== undefined && (typeof long !== 'string' || long.length < 175 || long.length > 4000))
    problems.push('display_information.long_description is 175 to 4,000 characters');
  const color = display?.background_color;
  if (color !== undefined && (typeof color !== 'string' || !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(color)))
    problems.push('display_information.background_color is a #rgb or #rrggbb colour');

  const features = obj(m.features) ?? {};
  const bot = obj(features.bot_user);
  const display_name = bot?.display_name;
  if (!bot) problems.push('features.bot_user is required for a bot');
  else if (typeof display_name !== 'string' || !/^[a-z0-9._-]{1,80}$/.test(display_name))
    problems.push('features.bot_user.display_name is 1 to 80 of a-z, 0-9, -, _ and .');
  const assistant = obj(features.assistant_view);
  if (
    assistant &&
    (typeof assistant.assistant_description !== 'string' || assistant.assistant_description === '')
  )
    problems.push('features.assistant_view.assistant_description is required');

  const urlOk = (value: YamlValue | undefined) => {
    if (typeof value !== 'string') return false;
    try {
      const u = new URL(value);
      return u.protocol === 'https:' && u.host === expect.host;
    } catch {
      return false;
    }
  };
  const oauth = obj(m.oauth_config);
  const redirects = strings(oauth?.redirect_urls) ?? [];
  if (redirects.length === 0 || redirects.length > 1000)
    problems.push('oauth_config.redirect_urls lists 1 to 1,000 URLs ("Add to Slack" needs one)');
  for (const url of redirects)
    if (!urlOk(url)) problems.push(`redirect URL ${url} is not https on ${expect.host}`);
  const scopes = strings(obj(oauth?.scopes)?.bot) ?? [];
  if (scopes.length === 0 || scopes.length > 255)
    problems.push('oauth_config.scopes.bot lists 1 to 255 scopes');
  if (new Set(scopes).size !== scopes.length) problems.push('a bot scope is listed twice');
  for (const scope of scopes)
    if (!documentedBotScopes.has(scope)) problems.push(`unknown bot scope ${scope}`);

  const settings = obj(m.settings) ?? {};
  const events = obj(settings.event_subscriptions);
  const botEvents = strings(events?.bot_events) ?? [];
  if (botEvents.length > 100)
    problems.push('settings.event_subscriptions.bot_events lists at most 100 events');
  if (settings.socket_mode_enabled !== true && botEvents.length > 0 && !urlOk(events?.request_url))
    problems.push(`event_subscriptions.request_url must be https on ${expect.host} without Socket Mode`);
  for (const event of botEvents) {
    if (!(event in documentedBotEvents)) problems.push(`unknown bot event ${event}`);
    const needs = documentedBotEvents[event];
    if (needs && !scopes.includes(needs)) problems.push(`event ${event} needs the ${needs} scope`);
  }
  const interactivity = obj(settings.interactivity);
  if (
    interactivity?.is_enabled === true &&
    settings.socket_mode_enabled !== true &&
    !urlOk(interactivity.request_url)
  )
    problems.push(`interactivity.request_url must be https on ${expect.host}`);
  for (const flag of ['org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled'])
    if (settings[flag] !== undefined && typeof settings[flag] !== 'boolean')
      problems.push(`settings.${flag} is a boolean`);

  // What the features need.
  const appHome = obj(features.app_home);
  if (appHome?.home_tab_enabled === true && !botEvents.includes('app_home_opened'))
    problems.push('the Home tab needs the app_home_opened event');
  if (assistant) {
    for (const needed of ['assistant_thread_started', 'message.im'])
      if (!botEvents.includes(needed)) problems.push(`the assistant view needs the ${needed} event`);
    if (!scopes.includes('assistant:write'))
      problems.push('the assistant view needs the assistant:write scope');
  }
  for (const method of expect.methods ?? []) {
    const needs = methodScopes[method];
    if (needs === undefined) problems.push(`no documented scope for ${method}`);
    else if (needs && !scopes.includes(needs)) problems.push(`${method} needs the ${needs} scope`);
  }
  return problems;
}
