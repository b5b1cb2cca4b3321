import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AfterAccepting, answerAfter, createFaultQueue } from './fake-faults';
import { readConversation } from './fake-slack-history';
import type { FakeSlackOAuth, FakeSlackOAuthHandler } from './fake-slack-oauth';
import { createFakeStreams } from './fake-slack-streams';
import { answerSurface } from './fake-slack-surfaces';

/** One Web API call the fake received, with its form fields decoded (JSON fields such as `blocks` parsed). */
export interface SlackApiCall {
  method: string;
  /** The bearer token the call carried. */
  token: string | undefined;
  args: Record<string, unknown>;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

/** A bot installed in a fake Slack team. */
export interface FakeSlackBot {
  token: string;
  teamId: string;
  botId: string;
  botUserId: string;
  /** The Enterprise Grid org of an org-wide install (auth.test then reports it). */
  enterpriseId?: string;
  /** An AI app (Agents & AI Apps on): `assistant.threads.setStatus` is allowed. */
  assistant?: boolean;
  /** Text streaming (`chat.startStream`) is allowed; without it startStream is refused. */
  streaming?: boolean;
}

/** A message in the fake's record of a channel (what `conversations.replies` reads). */
export interface FakeSlackMessage {
  ts: string;
  thread_ts?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  text?: string | undefined;
  /** The message metadata it was posted with (returned with `include_all_metadata`). */
  metadata?: { event_type: string; event_payload: Record<string, unknown> } | undefined;
}

export interface FakeSlackApi {
  /** Base URL for Bolt's `clientOptions.slackApiUrl` (ends with `/api/`). */
  url: string;
  calls: SlackApiCall[];
  /** Calls of one method, in order. */
  callsTo(method: string): SlackApiCall[];
  /** Records a message people wrote (tests post the event to Clara and the message here). */
  addMessage(channel: string, message: FakeSlackMessage): void;
  /** The next call of `method` answers `{ ok: false, error }` (e.g. `channel_not_found`, `token_revoked`). */
  failNext(method: string, error: string): void;
  /** The next call of `method` is carried out (a message is posted), then its answer is lost or late. */
  failAfterAccepting(method: string, fault: AfterAccepting): void;
  /** Resolves once `count` calls of `method` have arrived. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  /** Resolves with the first call (past or future) that matches. */
  waitForCall(match: (call: SlackApiCall) => boolean, timeoutMs?: number): Promise<SlackApiCall>;
  /** The OAuth install flow, when started with `{ oauth: createFakeSlackOAuth(…) }`. */
  oauth: FakeSlackOAuth | undefined;
  close(): Promise<void>;
}

function decodeArgs(body: string, contentType: string): Record<string, unknown> {
  const raw: Record<string, unknown> = contentType.includes('application/json')
    ? (JSON.parse(body || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(body));
  // @slack/web-api sends arrays and objects (blocks, attachments) as JSON strings in form fields.
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        raw[k] = JSON.parse(v);
      } catch {}
    }
  }
  return raw;
}

/**
 * A local Slack Web API on 127.0.0.1 speaking Slack's wire format (form-encoded in, JSON
 * `{ ok, … }` out) for auth.test, chat.postMessage, chat.update, chat.delete, chat.postEphemeral,
 * users.info, conversations.replies and conversations.history (from the messages it posted, with
 * their metadata, and those added with `addMessage`) and assistant.threads.setStatus/setSuggestedPrompts/setTitle (allowed for
 * `assistant` bots), views.publish (a Home tab) and chat.startStream/appendStream/stopStream
 * (for `streaming` bots; a stopped stream takes no more text).
 * Unknown tokens get `invalid_auth`, as Slack answers them. `wallClock`: message ts are the
 * current time (as Slack's are), not a fixed 2023 clock. With `{ oauth: createFakeSlackOAuth(…) }`
 * it also serves Slack's OAuth pages and `oauth.v2.access` (see fake-slack-oauth.ts).
 */
export async function startFakeSlackApi(
  bots: FakeSlackBot[],
  options: { oauth?: FakeSlackOAuthHandler; wallClock?: boolean } = {},
): Promise<FakeSlackApi> {
  const { oauth } = options;
  const faults = createFaultQueue();
  const calls: SlackApiCall[] = [];
  const channels = new Map<string, FakeSlackMessage[]>();
  const addMessage = (channel: string, message: FakeSlackMessage) => {
    channels.set(channel, [...(channels.get(channel) ?? []), message]);
  };
  const failures = new Map<string, string[]>();
  const waiters = new Set<() => void>();
  const clock = 1_700_000_000;
  let seq = 0;
  const nextTs = () =>
    options.wallClock
      ? `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`
      : `${clock + Math.floor(++seq / 1000)}.${String(seq % 1000).padStart(6, '0')}`;
  const streams = createFakeStreams({ channels, addMessage, nextTs });

  function answer(
    call: SlackApiCall,
    bot: FakeSlackBot | undefined,
    basic?: string,
  ): Record<string, unknown> {
    // oauth.* calls carry client credentials, not a bot token: failNext applies to them first.
    const refused =
      oauth && call.method.startsWith('oauth.') ? failures.get(call.method)?.shift() : undefined;
    if (refused) return { ok: false, error: refused };
    const granted = oauth?.answer(call.method, call.args, basic);
    if (granted) return granted;
    if (oauth?.isExpired(call.token)) return { ok: false, error: 'token_expired' };
    if (!bot) return { ok: false, error: 'invalid_auth' };
    const failure = failures.get(call.method)?.shift();
    if (failure) return { ok: false, error: failure };
    const a = call.args;
    switch (call.method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'clara',
          team_id: bot.teamId,
          user_id: bot.botUserId,
          bot_id: bot.botId,
          ...(bot.enterpriseId ? { enterprise_id: bot.enterpriseId, is_enterprise_install: true } : {}),
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        addMessage(String(a.channel), {
          ts,
          thread_ts: a.thread_ts === undefined ? undefined : String(a.thread_ts),
          user: bot.botUserId,
          bot_id: bot.botId,
          text: String(a.text ?? ''),
          metadata: a.metadata as FakeSlackMessage['metadata'],
        });
        return {
          ok: true,
          channel: a.channel,
          ts,
          message: { type: 'message', text: a.text, ts, bot_id: bot.botId, thread_ts: a.thread_ts },
        };
      }
      case 'chat.startStream':
      case 'chat.appendStream':
      case 'chat.stopStream':
        return streams.answer(call.method, a, bot);
      case 'chat.update':
        return { ok: true, channel: a.channel, ts: a.ts, text: a.text };
      case 'chat.delete':
        return { ok: true, channel: a.channel, ts: a.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.replies':
      case 'conversations.history':
        return readConversation(call.method, a, channels.get(String(a.channel)) ?? []);
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setTitle':
      case 'views.publish':
        return answerSurface(call.method, a, bot, () => `V${String(++seq).padStart(8, '0')}`, clock);
      case 'users.info': {
        const id = String(a.user);
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            real_name: `Real ${id}`,
            profile: { display_name: `Person ${id}`, real_name: `Real ${id}` },
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET' && oauth?.handlePage(req, res)) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const auth = req.headers.authorization;
    const args = decodeArgs(
      Buffer.concat(chunks).toString('utf8'),
      String(req.headers['content-type'] ?? ''),
    );
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    const call: SlackApiCall = { method, token, args };
    calls.push(call);
    const body = answer(
      call,
      bots.find((b) => b.token === token),
      auth?.startsWith('Basic ') ? auth.slice(6) : undefined,
    );
    call.response = body;
    answerAfter(faults.take(method), req, () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
    for (const wake of waiters) wake();
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  oauth?.attach(`http://127.0.0.1:${port}/`, bots);
  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  const waitUntil = <T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`fake Slack: ${what()} after ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo,
    addMessage,
    oauth: oauth?.controls(),
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    failAfterAccepting: faults.add,
    waitFor(method, count = 1, timeoutMs = 10_000) {
      return waitUntil(
        () => {
          const found = callsTo(method);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        () => `${callsTo(method).length}/${count} ${method} calls`,
      );
    },
    waitForCall(match, timeoutMs = 10_000) {
      return waitUntil(
        () => calls.find(match),
        timeoutMs,
        () => 'no matching call',
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
