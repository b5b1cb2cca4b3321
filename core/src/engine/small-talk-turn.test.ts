import { describe, expect, it } from 'vitest';
import type { AssistantMessage, ChatMessage } from '../schemas/chat-message';
import { parseSettings } from '../schemas/settings';
import type { ComposedReply } from './compose-reply';
import { notCaughtReply, type SmallTalkContext, smallTalkTurn } from './small-talk-turn';

const starters = ['What are your opening hours?'];
const answered: AssistantMessage = {
  message_id: 'a1',
  role: 'assistant',
  content: 'Sorry, we only groom dogs.',
  timestamp: '2026-12-08T00:00:01Z',
  suggestion_chips: [],
  gap_detected: false,
  matched_qa_ids: ['p1'],
  confidence: 0.9,
  escalation_offered: false,
  reply_kind: 'answer',
};
const earlier: ChatMessage[] = [
  { message_id: 'u1', role: 'user', content: 'Do you groom cats?', timestamp: '2026-12-08T00:00:00Z' },
  answered,
];
const fromModel: ComposedReply = {
  reply: { ...answered, content: 'Because of the dryers.' },
  gap: null,
  choice: null,
  mode: 'llm',
};

/** One turn; `held` are the words the knowledge base holds; `model` whether a language model writes. */
function turn(question: string, opts: { history?: ChatMessage[]; held?: string[]; model?: boolean } = {}) {
  const ctx: SmallTalkContext = {
    question,
    settings: parseSettings({ suggested_messages: starters }),
    history: opts.history ?? [],
    replyId: 'r1',
    now: () => new Date('2026-12-08T00:00:02Z'),
    emit: () => {},
    hasModel: async () => opts.model ?? false,
    mentionsKnowledge: async (text) => (opts.held ?? []).some((w) => text.toLowerCase().includes(w)),
    compose: async (o) =>
      o.followUp ? fromModel : { ...fromModel, reply: { ...fromModel.reply, content: 'composed' } },
  };
  return smallTalkTurn(ctx);
}

describe('smallTalkTurn: closes, "what?" and keyboard mash', () => {
  it('closes politely on "no thanks" / "that\'s all", with no chips, even with a model', async () => {
    for (const message of ['no thanks', 'no thank you', "that's all"]) {
      const r = await turn(message, { history: earlier, model: true });
      expect(r?.reply).toMatchObject({ content: 'No problem — ask any time.', suggestion_chips: [] });
      expect(r?.gap).toBeNull();
    }
  });

  it('asks to rephrase a "what?" after a reply; as a first message it is a call for help', async () => {
    for (const message of ['what?', 'huh?', 'sorry?', 'why?']) {
      const after = await turn(message, { history: earlier });
      expect(after?.reply.content).toMatch(/rephrase/);
      expect(after?.gap).toBeNull();
      const first = await turn(message);
      expect(first?.reply.content).toBe('Happy to help. What would you like to know?');
    }
  });

  it('sends "why?" after a reply to the model when there is one', async () => {
    expect((await turn('why?', { history: earlier, model: true }))?.reply.content).toBe(
      'Because of the dryers.',
    );
  });

  it('asks keyboard mash to be rephrased, with the starters, and files no gap', async () => {
    for (const message of ['asdfgh', 'kjhkjhkjh', 'qwerty uiop']) {
      const r = await turn(message);
      expect(r?.reply).toMatchObject({
        content: notCaughtReply,
        suggestion_chips: starters,
        gap_detected: false,
      });
      expect(r?.gap).toBeNull();
    }
  });

  it('leaves real words, codes and words the knowledge base holds to the engine', async () => {
    for (const message of ['parking', 'prices', 'apointment', 'XPS13', 'SW1A 1AA'])
      expect(await turn(message)).toBeNull();
    expect(await turn('bravecto', { held: ['bravecto'] })).toBeNull();
  });
});
