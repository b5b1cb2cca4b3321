import { smallTalkOf, smallTalkReply } from '../channels/small-talk';
import type { WorkspaceSettings } from '../schemas/settings';
import type { ComposedReply, ReplyEvent } from './compose-reply';

/**
 * Small talk ("hi", "thanks!", "yes", "no", "ok", "help", "???": `smallTalkOf`) is answered
 * briefly, inviting the question with the workspace's suggested questions as chips (none after a
 * thanks), and is not a knowledge gap: no retrieval, no model, no inbox item. Null when the
 * message is anything more than small talk.
 */
export function smallTalkTurn(
  question: string,
  settings: WorkspaceSettings,
  replyId: string,
  now: () => Date,
  emit: (event: ReplyEvent) => void,
): ComposedReply | null {
  const kind = smallTalkOf(question);
  if (!kind) return null;
  const content = smallTalkReply(kind, settings.display_name);
  emit({ type: 'start', mode: 'extractive' });
  emit({ type: 'delta', text: content });
  return {
    reply: {
      message_id: replyId,
      role: 'assistant',
      content,
      timestamp: now().toISOString(),
      suggestion_chips:
        kind === 'thanks' ? [] : settings.suggested_messages.slice(0, settings.max_suggestion_chips),
      gap_detected: false,
      matched_qa_ids: [],
      confidence: 1,
      escalation_offered: false,
      reply_kind: 'answer',
    },
    gap: null,
    choice: null,
    mode: 'extractive',
  };
}
