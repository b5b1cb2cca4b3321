import { describe, expect, it } from 'vitest';
import { slackManifest } from './manifest';

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
