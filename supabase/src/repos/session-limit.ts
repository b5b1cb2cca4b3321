/**
 * The most messages one chat session stores (a turn is two: the question and its reply). The
 * whole history is one JSONB array rewritten on every turn, so its cost grows with its length
 * (97 ms a turn at 250 turns, 416 ms at 1,000, measured on the embedded database); 400 messages
 * (200 questions) is far past any real visitor conversation. A web session that is full refuses
 * the next turn (`conversation_full`: the widget starts a new conversation); a Slack thread or DM
 * and a Teams conversation, which cannot start afresh, drop their oldest messages instead.
 * `GET /api/chat/history` returns at most this many, the latest.
 */
export const maxSessionMessages = 400;
