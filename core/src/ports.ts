import type { AssistantMessage, ChatMessage } from './schemas/chat-message';
import type { QaMatch } from './schemas/qa-pair';
import type { WorkspaceSettings } from './schemas/settings';

/** Turns text into vectors. Implementations must be deterministic for a given `id`. */
export interface Embedder {
  /** Name and version, stored on every pair as `metadata.embedding_model`. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export interface WorkspaceRecord {
  id: string;
  name: string;
  settings: WorkspaceSettings;
}

/** Reads workspaces on the service path (public endpoints). */
export interface WorkspaceReader {
  getWorkspace(workspaceId: string): Promise<WorkspaceRecord | null>;
}

export interface SearchOptions {
  /** Only matches with similarity strictly above this (the seed's `match_threshold`). */
  threshold: number;
  count: number;
}

/** Semantic search over a workspace's active pairs. */
export interface KnowledgeSearch {
  search(workspaceId: string, embedding: Float32Array, options: SearchOptions): Promise<QaMatch[]>;
  /**
   * Which of these pairs are phrasings (visitors' wordings kept from the gap inbox), each with the
   * active pair it phrases (id and the owner's question; null when that pair is archived). They
   * answer like any pair; a suggestion chip shows the pair they phrase, never the visitor's
   * wording. Absent: none are.
   */
  phrasingTargets?(
    workspaceId: string,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, { id: string; question: string } | null>>;
}

export interface VisitorInfo {
  name?: string | undefined;
  email?: string | undefined;
}

export interface BeginTurnInput {
  workspaceId: string;
  sessionToken: string;
  userMessage: ChatMessage;
  /** The id the assistant reply will carry (derived from the user message id). */
  replyId: string;
  visitor?: VisitorInfo | undefined;
  /** Stored in `chat_sessions.metadata` when the session is created (e.g. `{ channel: 'web' }`). */
  sessionMetadata?: Record<string, unknown> | undefined;
}

export type BeginTurnResult =
  /** The user message was stored now; this caller must produce the reply. */
  | {
      kind: 'started';
      sessionId: string;
      history: ChatMessage[];
      /** The session's visitor email (`Clara.identify`), now or from an earlier message. */
      visitorEmail?: string | null;
    }
  /** The reply already exists: return it unchanged. */
  | { kind: 'replay'; sessionId: string; reply: AssistantMessage }
  /** Someone else stored this user message and has not replied yet. */
  | { kind: 'in_flight'; sessionId: string; startedAt: Date };

export interface GapInput {
  question: string;
  aiAnswer: string;
  bestMatchId: string | null;
  similarityScore: number | null;
  /**
   * The pairs a "Did you mean…?" reply offered (plausible: confidence at or above the clarify
   * floor), in the order shown; empty or absent for an honest gap reply. The inbox's one-click
   * "Use the answer of …" offers only these, never the nearest pair alone.
   */
  offeredQaIds?: readonly string[] | undefined;
}

/** A visitor picked one of the questions a "Did you mean…?" reply offered for their question. */
export interface ChoiceInput {
  /** The visitor's question that the clarify reply answered (and filed as a gap). */
  question: string;
  /** The knowledge-base pair the visitor chose. */
  qaId: string;
}

export interface CompleteTurnInput {
  workspaceId: string;
  sessionId: string;
  reply: AssistantMessage;
  gap: GapInput | null;
  /** Resolves the open gap for `choice.question` with the chosen pair and records the choice. */
  choice?: ChoiceInput | null | undefined;
}

/** Conversation persistence with exactly-once semantics per message id. */
export interface ConversationStore {
  beginTurn(input: BeginTurnInput): Promise<BeginTurnResult>;
  /** Appends the reply (and files the gap) unless a reply with that id exists; returns the stored reply. */
  completeTurn(input: CompleteTurnInput): Promise<AssistantMessage>;
  findReply(workspaceId: string, sessionId: string, replyId: string): Promise<AssistantMessage | null>;
  history(workspaceId: string, sessionToken: string): Promise<ChatMessage[]>;
}

/** Everything the chat engine needs from storage. */
export interface ChatStore extends WorkspaceReader, KnowledgeSearch, ConversationStore {}
