/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

// Text with no visible character (only zero-width, bidi or other format characters,
// whitespace, default-ignorable code points such as the Hangul fillers and variation selectors,
// the blank Braille pattern, or combining marks with nothing to sit on) reads as empty: refused
// as blank text is.
const blankLooking = [
  '\u3164\u115f', // Hangul fillers
  '\uffa0\u1160',
  '\u2800\u2800', // Braille pattern blank
  '\u0301\u0301\u0301', // combining marks only
  '\ufe0f\ufe0f', // variation selectors
  '\u{e0100}\u034f', // a supplementary variation selector, the combining grapheme joiner
];
let server: TestServer;
let owner: AdminClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
});
afterAll(() => server.close());

const chat = (message: string) =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
    }),
  });

describe('text with no visible character', () => {
  it('is no display name: 400 like a blank one, the name kept', async () => {
    for (const display_name of [
      '\u202e\u200b',
      '\u200b\u2060\ufeff',
      ' \u00ad\u200d ',
      '   ',
      ...blankLooking,
    ]) {
      const bad = await owner.json('PATCH', '/api/admin/settings', { settings: { display_name } });
      expect(bad.status, JSON.stringify(display_name)).toBe(400);
      expect(bad.body.error.message).toMatch(/Give Clara a name/);
    }
    expect((await owner.json('GET', '/api/admin/settings')).body.settings.display_name).toBe('Clara');
    const ok = await owner.json('PATCH', '/api/admin/settings', { settings: { display_name: '\u200bMia' } });
    expect(ok.status).toBe(200);
  });

  it('is no chat message: 400 validation_failed, no session and no gap stored', async () => {
    for (const message of ['\u200b'.repeat(2000), '\u202e\u200b\u2060', '\u0007\u200b ', ...blankLooking]) {
      const res = await chat(message);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringMatching(/message is empty/),
      });
    }
    const [gaps] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM qa_gaps WHERE workspace_id = $1',
      [owner.workspaceId],
    );
    expect(gaps?.n).toBe(0);
    const [sessions] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_sessions WHERE workspace_id = $1',
      [owner.workspaceId],
    );
    expect(sessions?.n).toBe(0);
    // A message with one visible character among them is a message: an accented letter, an
    // emoji with its variation selector, a Devanagari syllable with its vowel sign.
    for (const message of ['\u200bhi\u200b', 'e\u0301\u0301', '\u2764\ufe0f', '\u0915\u093f']) {
      expect((await chat(message)).status, JSON.stringify(message)).toBe(200);
    }
  });
});
