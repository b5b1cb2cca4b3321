import { z } from 'zod/mini';
import { ratings } from './chat-message';
import { hasVisibleText, isStorableText, unstorableTextMessage } from './storable-text';

/** The longest message a visitor or colleague may send (characters, after trimming). */
export const maxMessageLength = 2000;

/** A UUID in its one canonical form (lower case), so ids that differ only in case are one id. */
const uuid = (name: string) => z.uuid({ error: `${name} must be a UUID` }).check(z.toLowerCase());

/**
 * A session token: a UUID kept as sent. Sessions are stored under the token as the client
 * sent it and found by exact match (an iOS client's `UUID().uuidString` is upper case), so
 * lower-casing it here would lose their history; the rate limiters key on it lower-cased.
 */
const sessionToken = z.uuid({ error: 'session_token must be a UUID' });

/** A message's text: trimmed, 1 to 2,000 characters with one visible, storable by Postgres. */
export const messageTextSchema = z.string({ error: 'message must be a string' }).check(
  z.trim(),
  z.minLength(1, 'message is empty'),
  // Only zero-width or other invisible characters: as empty (it would file a blank gap).
  z.refine((v) => v.length === 0 || hasVisibleText(v), 'message is empty'),
  z.maxLength(maxMessageLength, `message is over ${maxMessageLength} characters`),
  z.refine(isStorableText, unstorableTextMessage('message')),
);

/** Who the visitor says they are (the widget's `Clara.identify()`). */
export const visitorSchema = z.object(
  {
    name: z.optional(
      z
        .string({ error: 'visitor.name must be a string' })
        .check(
          z.trim(),
          z.maxLength(200, 'visitor.name is over 200 characters'),
          z.refine(isStorableText, unstorableTextMessage('visitor.name')),
        ),
    ),
    email: z.optional(
      z
        .email({ error: 'visitor.email is not an email address' })
        .check(z.maxLength(320, 'visitor.email is over 320 characters')),
    ),
  },
  { error: 'visitor must be an object' },
);

export type Visitor = z.infer<typeof visitorSchema>;

/** `POST /api/chat` body. */
export const chatRequestSchema = z.object(
  {
    workspace_id: uuid('workspace_id'),
    // A UUID kept by the widget in sessionStorage; other channels use their own prefixed tokens.
    session_token: sessionToken,
    message_id: uuid('message_id'),
    message: messageTextSchema,
    visitor: z.optional(visitorSchema),
  },
  { error: 'the body must be a JSON object' },
);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** `GET /api/chat/history` query. */
export const historyQuerySchema = z.object({
  workspace_id: uuid('workspace_id'),
  session_token: sessionToken,
});

/** `POST /api/chat/feedback` body: a thumbs rating on an assistant message. */
export const feedbackRequestSchema = z.object(
  {
    workspace_id: uuid('workspace_id'),
    session_token: sessionToken,
    message_id: uuid('message_id'),
    rating: z.enum(ratings, { error: 'rating must be "up" or "down"' }),
  },
  { error: 'the body must be a JSON object' },
);

export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** `GET /api/widget/:workspace_id/config` path parameters. */
export const workspaceParamSchema = z.object({ workspace_id: uuid('workspace_id') });
