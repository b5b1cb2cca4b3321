import type { FakeSlackBot } from './fake-slack-api';

/**
 * The app surfaces of the fake Slack Web API: assistant.threads.setStatus/setSuggestedPrompts/
 * setTitle (allowed for `assistant` bots) and views.publish (a Home tab), checked as Slack does.
 */
export function answerSurface(
  method: string,
  a: Record<string, unknown>,
  bot: FakeSlackBot,
  nextViewId: () => string,
  clock: number,
): Record<string, unknown> {
  switch (method) {
    case 'assistant.threads.setStatus':
      return bot.assistant ? { ok: true } : { ok: false, error: 'not_allowed_token_type' };
    case 'assistant.threads.setSuggestedPrompts': {
      if (!bot.assistant) return { ok: false, error: 'not_allowed_token_type' };
      if (!a.channel_id) return { ok: false, error: 'channel_not_found' };
      // "Use this method to set up to four suggested prompts"; each needs a title and a message.
      const prompts = a.prompts;
      const valid =
        Array.isArray(prompts) &&
        prompts.length >= 1 &&
        prompts.length <= 4 &&
        prompts.every(
          (p: unknown) =>
            typeof (p as { title?: unknown }).title === 'string' &&
            typeof (p as { message?: unknown }).message === 'string',
        );
      return valid ? { ok: true } : { ok: false, error: 'invalid_arguments' };
    }
    case 'assistant.threads.setTitle':
      if (!bot.assistant) return { ok: false, error: 'not_allowed_token_type' };
      if (!a.thread_ts) return { ok: false, error: 'invalid_thread_ts' };
      return typeof a.title === 'string' && a.title !== ''
        ? { ok: true }
        : { ok: false, error: 'invalid_arguments' };
    case 'views.publish': {
      const view = a.view as { type?: unknown; blocks?: unknown } | undefined;
      if (typeof a.user_id !== 'string' || !/^[UW]/.test(a.user_id))
        return { ok: false, error: 'user_not_found' };
      if (view?.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      // A Home tab holds up to 100 blocks; a section's text at most 3,000 characters, a header's 150.
      const blocks = Array.isArray(view.blocks) ? (view.blocks as Record<string, unknown>[]) : [];
      const tooLong = (b: Record<string, unknown>) =>
        String((b.text as { text?: unknown } | undefined)?.text ?? '').length >
        (b.type === 'header' ? 150 : 3000);
      if (!Array.isArray(view.blocks) || blocks.length > 100 || blocks.some(tooLong))
        return { ok: false, error: 'invalid_blocks' };
      const viewId = nextViewId();
      return {
        ok: true,
        view: {
          id: viewId,
          team_id: bot.teamId,
          type: 'home',
          blocks,
          hash: `${clock}.${viewId}`,
          bot_id: bot.botId,
        },
      };
    }
    default:
      return { ok: false, error: 'unknown_method' };
  }
}
