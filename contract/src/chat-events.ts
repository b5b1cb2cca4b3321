import type { AssistantMessage, ChatMessage, Rating } from './chat-message';

/** Who wrote the reply: a language model (`llm`), or Clara's extractive answer (`extractive`). */
export type AnswerMode = 'llm' | 'extractive';

/** `{ error: { code, message } }`: every 4xx/5xx body, and the SSE `error` event. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * The SSE events of `POST /api/chat` with `Accept: text/event-stream`, by event name, in order:
 * one `meta`, zero or more `delta`, then `done` (or `error`). A `reset` means "discard the text
 * so far": the model failed mid-answer and the deltas that follow are the extractive answer.
 * The text after the last `reset` always equals `done.message.content`.
 */
export interface ChatStreamEvents {
  meta: {
    message_id: string;
    session_token: string;
    /** Null when the reply is replayed from storage (how it was written is not stored). */
    mode: AnswerMode | null;
    replay: boolean;
  };
  delta: { text: string };
  reset: { mode: AnswerMode };
  done: { message: AssistantMessage };
  error: ApiErrorBody;
}

/** `POST /api/chat` with `Accept: application/json`. */
export interface ChatResponse {
  message: AssistantMessage;
}

/** `GET /api/chat/history`: the session's messages in order. */
export interface HistoryResponse {
  messages: ChatMessage[];
}

/** `POST /api/chat/feedback`: the rating as it stands and whether a gap was filed for the owner. */
export interface FeedbackResponse {
  feedback: { message_id: string; feedback: Rating; feedback_at: string; gap_filed: boolean };
}
