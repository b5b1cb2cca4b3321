import { isStorableText, maxMessageLength, unstorableTextMessage } from '@clara/core';
import { z } from 'zod';

const uuid = (name: string) => z.uuid({ message: `${name} must be a UUID` });

/** POST /api/chat body. */
export const chatRequestSchema = z.object({
  workspace_id: uuid('workspace_id'),
  // A UUID kept by the widget in sessionStorage; other channels use their own prefixed tokens.
  session_token: uuid('session_token'),
  message_id: uuid('message_id'),
  message: z
    .string({ message: 'message must be a string' })
    .trim()
    .min(1, 'message is empty')
    .max(maxMessageLength, `message is over ${maxMessageLength} characters`)
    .refine(isStorableText, unstorableTextMessage('message')),
  visitor: z
    .object({
      name: z
        .string()
        .trim()
        .max(200)
        .refine(isStorableText, unstorableTextMessage('visitor.name'))
        .optional(),
      email: z.email({ message: 'visitor.email is not an email address' }).max(320).optional(),
    })
    .optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** GET /api/chat/history query. */
export const historyQuerySchema = z.object({
  workspace_id: uuid('workspace_id'),
  session_token: uuid('session_token'),
});

export const workspaceParamSchema = z.object({ workspace_id: uuid('workspace_id') });
