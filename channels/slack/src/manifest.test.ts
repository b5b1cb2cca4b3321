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
});
