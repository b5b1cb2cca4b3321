import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slackBotDisplayName, slackManifest, slackManifestObject, slackOAuthCallbackPath } from './manifest';
import { slackManifestYaml } from './manifest-yaml';
import { readManifestYaml, slackManifestProblems } from './testing/manifest-rules';

/** The Web API methods Clara's Slack code calls (read from its own sources), each needing its scope. */
function calledMethods(): string[] {
  const dir = import.meta.dirname;
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const found = sources.flatMap((s) =>
    [...s.matchAll(/\.(chat|users|assistant\.threads|views|conversations|auth)\.([a-zA-Z]+)\(/g)].map(
      (m) => `${m[1]}.${m[2]}`,
    ),
  );
  return [...new Set(found)].sort();
}

describe('slackManifest', () => {
  it("points events and interactivity at this server and asks for Clara's scopes", () => {
    const yaml = slackManifest('https://clara.example.com/');
    expect(yaml).toContain('request_url: "https://clara.example.com/slack/events"');
    for (const scope of [
      'app_mentions:read',
      'chat:write',
      'im:history',
      'im:read',
      'channels:history',
      'users:read',
    ]) {
      expect(yaml).toContain(`      - ${scope}\n`);
    }
    for (const event of ['app_mention', 'message.im', 'message.channels'])
      expect(yaml).toContain(`      - ${event}\n`);
    expect(yaml).toMatch(/interactivity:\n {4}is_enabled: true/);
    expect(yaml).toContain('  org_deploy_enabled: true\n');
  });

  it("declares Slack's AI app surfaces: the assistant view, assistant:write and the thread events", () => {
    const yaml = slackManifest('https://clara.example.com');
    // Required top-level sections and fields of an app manifest.
    for (const field of ['display_information:\n  name: "Clara"', 'features:', 'oauth_config:', 'settings:'])
      expect(yaml).toContain(field);
    expect(yaml).toMatch(/\n {2}assistant_view:\n {4}assistant_description: "[^"]{1,}"\n/);
    expect(yaml).toContain('      - assistant:write\n');
    expect(yaml).toContain('      - assistant_thread_started\n');
    // Questions in an assistant thread arrive as DMs to the app.
    expect(yaml).toContain('      - message.im\n');
    expect(yaml).toContain('      - im:history\n');
    // The Home tab and the event that asks for its view.
    expect(yaml).toMatch(/app_home:\n {4}home_tab_enabled: true\n/);
    expect(yaml).toContain('      - app_home_opened\n');
  });
});

describe('the manifest against the rules Slack documents', () => {
  const methods = calledMethods();

  it('passes them: required fields, lengths, https URLs on this host, documented scopes and events', () => {
    const yaml = slackManifest('https://clara.example.com/');
    const read = readManifestYaml(yaml);
    // The YAML says exactly what the manifest object says.
    expect(read).toEqual(slackManifestObject('https://clara.example.com'));
    // Clara calls these; each needs its scope in the manifest.
    expect(methods).toEqual(
      expect.arrayContaining([
        'chat.postMessage',
        'users.info',
        'assistant.threads.setStatus',
        'views.publish',
      ]),
    );
    expect(slackManifestProblems(read, { host: 'clara.example.com', methods })).toEqual([]);
  });

  it('lists the "Add to Slack" redirect URL and the uninstall events (no scope needed)', () => {
    const m = slackManifestObject('https://clara.example.com/base/');
    expect(m.oauth_config.redirect_urls).toEqual([`https://clara.example.com/base${slackOAuthCallbackPath}`]);
    expect(m.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_uninstalled', 'tokens_revoked']),
    );
    expect(m.settings.token_rotation_enabled).toBe(false);
    expect(
      slackManifestObject('https://clara.example.com', { tokenRotation: true }).settings
        .token_rotation_enabled,
    ).toBe(true);
  });

  it("keeps a workspace's name within Slack's limits: 35 characters, and a bot name of a-z0-9._-", () => {
    const m = slackManifestObject('https://clara.example.com', {
      name: 'Brightside Café — Help & Answers Desk (EU)',
    });
    expect(m.display_information.name).toHaveLength(35);
    expect(m.features.bot_user.display_name).toBe('brightside-caf-help-answers-de');
    const unicode = readManifestYaml(slackManifest('https://clara.example.com', 'Ünïcode ✓ "quoted"'));
    expect(slackManifestProblems(unicode, { host: 'clara.example.com' })).toEqual([]);
    expect(slackBotDisplayName('!!!')).toBe('clara');
  });

  it('catches what Slack would refuse (so the check is not vacuous)', () => {
    const good = slackManifestObject('https://clara.example.com');
    // Through the YAML, as Slack reads it.
    const check = (broken: object) =>
      slackManifestProblems(readManifestYaml(slackManifestYaml(broken)), {
        host: 'clara.example.com',
        methods,
      });
    const withoutScope = structuredClone(good);
    withoutScope.oauth_config.scopes.bot = withoutScope.oauth_config.scopes.bot.filter(
      (s) => s !== 'users:read',
    );
    expect(check(withoutScope)).toContain('users.info needs the users:read scope');
    const http = slackManifestObject('http://clara.example.com');
    expect(check(http)).toEqual(
      expect.arrayContaining([
        'redirect URL http://clara.example.com/slack/oauth/callback is not https on clara.example.com',
        'event_subscriptions.request_url must be https on clara.example.com without Socket Mode',
        'interactivity.request_url must be https on clara.example.com',
      ]),
    );
    const upper = structuredClone(good);
    upper.features.bot_user.display_name = 'Clara';
    upper.display_information.name = 'x'.repeat(36);
    expect(check(upper)).toEqual([
      'display_information.name is required, 1 to 35 characters',
      'features.bot_user.display_name is 1 to 80 of a-z, 0-9, -, _ and .',
    ]);
    const noRedirect = structuredClone(good);
    noRedirect.oauth_config.redirect_urls = [];
    noRedirect.settings.event_subscriptions.bot_events.push('made_up_event');
    expect(check(noRedirect)).toEqual([
      'oauth_config.redirect_urls lists 1 to 1,000 URLs ("Add to Slack" needs one)',
      'unknown bot event made_up_event',
    ]);
  });
});
