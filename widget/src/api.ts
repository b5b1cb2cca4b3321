import type { ApiErrorBody, ChatStreamEvents, ChatRequest as ContractChatRequest } from '@clara/contract';
import { createSseParser } from './sse-parser';
import type { ChatMessage, Rating, WidgetSettings } from './types';

/** A failed call: `status` 0 for a network failure, -1 for an error event mid-stream. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** The body of `POST /api/chat`; the client adds `workspace_id`. */
export type ChatRequest = Omit<ContractChatRequest, 'workspace_id'>;

/** What `event: meta` says before an answer streams (`reset` carries only `mode`). */
export type ChatMeta = Partial<ChatStreamEvents['meta']>;

/** A client for the public widget API rooted at `base` (ending in "/"). */
export function createApi(base: string, workspaceId: string) {
  const ws = encodeURIComponent(workspaceId);
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(base + path, init);
    } catch {
      throw new ApiError(0, 'network', 'Network error');
    }
    if (res.ok) return res;
    let code = `http_${res.status}`;
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: keep the status.
    }
    const after = Number(res.headers.get('Retry-After'));
    throw new ApiError(res.status, code, message, after > 0 ? after : null);
  };
  const post = (path: string, body: unknown, accept = 'application/json'): Promise<Response> =>
    call(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept },
      body: JSON.stringify({ workspace_id: workspaceId, ...(body as object) }),
    });

  return {
    /** The workspace's visitor settings. */
    async config(): Promise<WidgetSettings> {
      return ((await (await call(`api/widget/${ws}/config`)).json()) as { settings: WidgetSettings })
        .settings;
    },

    /** The session's messages in order; empty for an unknown session. */
    async history(token: string): Promise<ChatMessage[]> {
      const q = `workspace_id=${ws}&session_token=${encodeURIComponent(token)}`;
      try {
        return ((await (await call(`api/chat/history?${q}`)).json()) as { messages: ChatMessage[] }).messages;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },

    /** Sends a message and streams the answer through `onDelta`; resolves to the final answer. */
    async chat(
      req: ChatRequest,
      onDelta: (text: string) => void,
      onMeta: (m: ChatMeta) => void,
    ): Promise<ChatMessage> {
      const res = await post('api/chat', req, 'text/event-stream');
      if (!res.headers.get('Content-Type')?.includes('text/event-stream') || !res.body) {
        return ((await res.json()) as { message: ChatMessage }).message;
      }
      let done: ChatMessage | null = null;
      let failed: ApiError | null = null;
      const parser = createSseParser(({ event, data }) => {
        let d: Partial<ChatStreamEvents['delta'] & ChatStreamEvents['done']> & {
          error?: Partial<ApiErrorBody['error']>;
        } & ChatMeta;
        try {
          d = JSON.parse(data);
        } catch {
          return;
        }
        // `reset`: the model failed mid-answer; the text so far is dropped and the extractive answer follows.
        if (event === 'meta' || event === 'reset') onMeta(d);
        else if (event === 'delta' && typeof d.text === 'string') onDelta(d.text);
        else if (event === 'done' && d.message) done = d.message;
        else if (event === 'error')
          failed = new ApiError(-1, d.error?.code ?? 'error', d.error?.message ?? '');
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          parser.push(decoder.decode(r.value, { stream: true }));
        }
      } catch {
        throw new ApiError(0, 'network', 'Connection lost');
      }
      parser.push(decoder.decode());
      parser.end();
      if (failed) throw failed;
      if (!done) throw new ApiError(0, 'incomplete', 'The answer was cut off');
      return done;
    },

    /** Rates an answer; false when the server has no feedback endpoint (404). */
    async feedback(token: string, messageId: string, rating: Rating): Promise<boolean> {
      try {
        await post('api/chat/feedback', { session_token: token, message_id: messageId, rating });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return false;
        throw e;
      }
    },
  };
}

/** The API client's type. */
export type Api = ReturnType<typeof createApi>;
