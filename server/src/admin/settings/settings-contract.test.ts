/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { chatMessageSchema, settingsLimits, settingsSchema, visitorSettingsKeys } from '@clara/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  const pair = { question: 'What are your opening hours?', answer: 'We are open 9 to 5, Monday to Friday.' };
  expect((await owner.json('POST', '/api/admin/knowledge', pair)).status).toBe(201);
});
afterAll(() => server.close());

describe('the server answers in the shapes of @clara/contract', () => {
  it('GET /api/admin/settings: every setting, each within its contract rule', async () => {
    const read = await owner.json('GET', '/api/admin/settings');
    expect(read.status).toBe(200);
    expect(settingsSchema.safeParse(read.body.settings).error?.issues ?? []).toEqual([]);
  });

  it('PATCH /api/admin/settings refuses a value outside the contract limits with its message', async () => {
    const over = settingsLimits.confidence_threshold.max + 0.01;
    const bad = await owner.json('PATCH', '/api/admin/settings', {
      settings: { confidence_threshold: over },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      `Confidence threshold: The threshold is at most ${settingsLimits.confidence_threshold.max}.`,
    );
    expect(bad.body.error.details).toEqual([
      {
        field: 'confidence_threshold',
        message: `The threshold is at most ${settingsLimits.confidence_threshold.max}.`,
      },
    ]);
    const ok = await owner.json('PATCH', '/api/admin/settings', { settings: { followups_enabled: false } });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.followups_enabled).toBe(false);
  });

  it('PATCH /api/admin/settings names each bad field as the Settings page does, with a per-field list', async () => {
    const bad = await owner.json('PATCH', '/api/admin/settings', {
      name: ' ',
      settings: {
        display_name: '  ',
        primary_color: 'blue-ish',
        allowed_origins: ['https://shop.example', 'shop.example/path', 'ftp://files.example'],
        bubble_position: 'middle',
        favourite_colour: 'red',
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body)).toEqual(['error']);
    expect(bad.body.error.code).toBe('validation_failed');
    const byField = Object.fromEntries(
      bad.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(byField).toEqual({
      name: 'Give the workspace a name.',
      display_name: 'Give Clara a name.',
      primary_color: 'Use a colour like #6366f1.',
      // Every bad line, each quoted: not only the first.
      allowed_origins: expect.stringMatching(
        /^Lines 2 \(“shop\.example\/path”\) and 3 \(“ftp:\/\/files\.example”\): Use an origin like https:\/\/shop\.example/,
      ),
      bubble_position: 'Choose left or right.',
      favourite_colour: '“favourite_colour” is not a setting.',
    });
    expect(bad.body.error.message).toContain('Bot name: Give Clara a name.');
    expect(bad.body.error.message).toContain('Primary colour: Use a colour like #6366f1.');
    // No internal names or zod paths in what the owner reads.
    expect(bad.body.error.message).not.toMatch(/display_name|primary_color|allowed_origins|settings\./);
    // Nothing was saved.
    const read = await owner.json('GET', '/api/admin/settings');
    expect(read.body.settings.primary_color).not.toBe('blue-ish');
  });

  it('PATCH /api/admin/settings refuses a setting sent beside "settings" (it was dropped with a 200) and saves nothing', async () => {
    const before = (await owner.json('GET', '/api/admin/settings')).body.settings;
    const bad = await owner.json('PATCH', '/api/admin/settings', {
      allowed_origins: ['https://shop.example'],
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details).toEqual([
      {
        field: 'allowed_origins',
        message: '“allowed_origins” goes inside "settings": send { "settings": { "allowed_origins": … } }.',
      },
      { field: 'colour', message: '“colour” is not a setting.' },
    ]);
    expect((await owner.json('GET', '/api/admin/settings')).body.settings).toEqual(before);
  });

  it('PATCH /api/admin/settings: names of Object.prototype are not settings (no "function Object()" in the message)', async () => {
    const before = (await owner.json('GET', '/api/admin/settings')).body.settings;
    // Parsed from JSON: own properties named like the prototype's, sent as they are.
    const inside = await owner.json(
      'PATCH',
      '/api/admin/settings',
      JSON.parse('{"settings":{"constructor":1}}'),
    );
    expect(inside.status).toBe(400);
    expect(inside.body.error.message).toBe('“constructor” is not a setting.');
    const top = await owner.json(
      'PATCH',
      '/api/admin/settings',
      JSON.parse('{"__proto__":{"x":1},"toString":1}'),
    );
    expect(top.status).toBe(400);
    expect(top.body.error.details).toEqual([
      { field: '__proto__', message: '“__proto__” is not a setting.' },
      { field: 'toString', message: '“toString” is not a setting.' },
    ]);
    expect(top.body.error.message).not.toMatch(/\[object Object\]|native code|goes inside/);
    expect((await owner.json('GET', '/api/admin/settings')).body.settings).toEqual(before);
  });

  it('PATCH /api/admin/settings: a value of the wrong type is named in words, and several problems read apart', async () => {
    const bad = await owner.json('PATCH', '/api/admin/settings', {
      settings: { display_name: 42, escalation_enabled: 'yes', allowed_origins: ['shop.example/path'] },
    });
    expect(bad.status).toBe(400);
    const message: string = bad.body.error.message;
    expect(message).toContain('Bot name: Use text here. ');
    expect(message).toContain('Booking link: Use true or false here.');
    expect(message).toContain('Allowed sites: Line 1 (“shop.example/path”): ');
    expect(message).not.toMatch(/Invalid input|expected string/);
  });

  it('other refusals keep the { error: { code, message } } shape with no details', async () => {
    const res = await owner.json('POST', '/api/admin/knowledge', { question: '', answer: '' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
  });

  it('PATCH /api/admin/settings refuses text Postgres cannot store (a lone surrogate, NUL) with a 400, not a 500', async () => {
    for (const settings of [
      { display_name: 'x\ud800' },
      { placeholder_text: 'Ask\u0000' },
      { welcome_message: '\udfff hi' },
      { suggested_messages: ['ok', 'bad \ud83d'] },
      { personality_prompt: 'You are \ud800 Clara' },
    ]) {
      const res = await owner.json('PATCH', '/api/admin/settings', { settings });
      expect(res.status, JSON.stringify(settings)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('cannot be stored');
    }
    const read = await owner.json('GET', '/api/admin/settings');
    expect(read.body.settings.display_name).not.toContain('\ud800');
  });

  it('chat, history and widget config: the contract ChatMessage and visitor settings', async () => {
    const session_token = randomUUID();
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: owner.workspaceId,
        session_token,
        message_id: randomUUID(),
        message: '  When are you open?  ',
      }),
    });
    expect(res.status).toBe(200);
    const { message } = (await res.json()) as any;
    expect(chatMessageSchema.safeParse(message).error?.issues ?? []).toEqual([]);
    expect(message.reply_kind).toBe('answer');

    const q = `workspace_id=${owner.workspaceId}&session_token=${session_token}`;
    const history = (await (await fetch(`${server.url}/api/chat/history?${q}`)).json()) as any;
    expect(history.messages.map((m: unknown) => chatMessageSchema.safeParse(m).success)).toEqual([
      true,
      true,
    ]);
    // Validated once at the boundary, trimmed there: the stored question is the trimmed text.
    expect(history.messages[0].content).toBe('When are you open?');

    const config = (await (
      await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)
    ).json()) as any;
    expect(Object.keys(config.settings).sort()).toEqual([...visitorSettingsKeys].sort());
  });
});
