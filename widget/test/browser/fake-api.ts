/**
 * A small stand-in for Clara's public widget API (config, chat with SSE, history, feedback)
 * on a random 127.0.0.1 port. It also serves dist/widget.js, as the real server does.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage, VisitorSettings } from '@clara/contract';

/** The settings the fake workspace returns. */
export const FAKE_SETTINGS: VisitorSettings = {
  display_name: 'Acme Help',
  welcome_message: 'Hi! I can answer questions about **Acme**.',
  placeholder_text: 'Ask Acme anything...',
  suggested_messages: ['What are your opening hours?', 'Do you ship abroad?'],
  booking_url: 'https://cal.example.com/acme',
  primary_color: '#4f46e5',
  bubble_color: '#111827',
  bubble_position: 'right',
  avatar_url: null,
  chat_icon_url: null,
  escalation_enabled: true,
  powered_by_clara: true,
};

type Msg = ChatMessage;

/** A running fake API with what it has received. */
export interface FakeApi {
  base: string;
  workspaceId: string;
  chatBodies: Record<string, unknown>[];
  feedback: Record<string, unknown>[];
  close(): Promise<void>;
}

const answerFor = (q: string): Pick<Msg, 'content' | 'suggestion_chips' | 'escalation_offered'> => {
  if (/human|book/i.test(q))
    return {
      content: "I can't help with that myself, but our team can. Book a call below.",
      escalation_offered: true,
    };
  if (/markdown/i.test(q))
    return {
      content:
        'Here is **bold** and *italic*:\n- one\n- two\n\n[Safe](https://example.com/docs) and [evil](javascript:alert(1)) <img src=x onerror=alert(2)>',
    };
  return {
    content: `We are open **9am to 5pm**, Monday to Friday. You asked: ${q}`,
    suggestion_chips: ['Where are you located?', 'Do you offer refunds?'],
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the fake API; `delayMs` is the pause between streamed pieces. */
export async function startFakeApi(widgetJs: string, delayMs = 120): Promise<FakeApi> {
  const workspaceId = '11111111-2222-4333-8444-555555555555';
  const sessions = new Map<string, Msg[]>();
  const chatBodies: Record<string, unknown>[] = [];
  const feedback: Record<string, unknown>[] = [];

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let s = '';
    for await (const c of req) s += c;
    return JSON.parse(s || '{}');
  };

  const chat = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const b = await readBody(req);
    chatBodies.push(b);
    const { session_token: token, message_id: id, message } = b as Record<string, string>;
    if (b.workspace_id !== workspaceId || !token || !id || !message || message.length > 2000)
      return json(res, 400, { error: { code: 'invalid_request', message: 'bad request' } });
    const log = sessions.get(token) ?? [];
    sessions.set(token, log);
    const at = log.findIndex((m) => m.message_id === id && m.role === 'user');
    const replay = at >= 0;
    let answer = replay ? log[at + 1] : undefined;
    if (!answer) {
      const now = new Date().toISOString();
      log.push({ message_id: id, role: 'user', content: message, timestamp: now });
      answer = {
        message_id: crypto.randomUUID(),
        role: 'assistant',
        timestamp: now,
        suggestion_chips: [],
        escalation_offered: false,
        gap_detected: false,
        matched_qa_ids: [],
        confidence: 0.9,
        ...answerFor(message),
      };
      log.push(answer);
    }
    if (!String(req.headers.accept).includes('text/event-stream')) return json(res, 200, { message: answer });
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const send = (event: string, data: unknown): boolean =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('meta', { message_id: id, session_token: token, mode: 'answer', replay });
    if (/flaky/i.test(message) && !replay) {
      // A model that fails mid-answer: Clara's server sends `reset`, then the extractive answer.
      send('delta', { text: 'Half a model answer that ' });
      await sleep(delayMs);
      send('reset', { mode: 'extractive' });
    }
    const words = answer.content.split(/(?<= )/);
    const step = Math.ceil(words.length / 5);
    for (let i = 0; i < words.length; i += step) {
      await sleep(delayMs);
      send('delta', { text: words.slice(i, i + step).join('') });
    }
    send('done', { message: answer });
    res.end();
  };

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    res.setHeader('Vary', 'Origin');
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Content-Type, Accept',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (path === '/widget.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      return res.end(readFileSync(widgetJs));
    }
    if (path === `/api/widget/${workspaceId}/config`)
      return json(res, 200, { workspace_id: workspaceId, settings: FAKE_SETTINGS });
    if (path === '/api/chat' && req.method === 'POST') {
      chat(req, res).catch(() => res.destroy());
      return;
    }
    if (path === '/api/chat/history') {
      const token = url.searchParams.get('session_token') ?? '';
      if (url.searchParams.get('workspace_id') !== workspaceId)
        return json(res, 404, { error: { code: 'not_found', message: 'no' } });
      return json(res, 200, { messages: sessions.get(token) ?? [] });
    }
    if (path === '/api/chat/feedback' && req.method === 'POST') {
      readBody(req).then((b) => {
        feedback.push(b);
        json(res, 200, { ok: true });
      });
      return;
    }
    json(res, 404, { error: { code: 'not_found', message: 'Not found' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    workspaceId,
    chatBodies,
    feedback,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
