import { hasVisibleText } from '@clara/core';
import type { TeamsActivity } from './activity-schema';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&nbsp;': ' ',
};

/** Whether the activity @mentions the bot it was sent to (an `entities[]` mention of the recipient). */
export function mentionsRecipient(activity: TeamsActivity): boolean {
  const bot = activity.recipient;
  if (activity.entities?.some((e) => e.type === 'mention' && e.mentioned?.id === bot.id)) return true;
  // Some clients leave the entity out; the markup itself still names the bot.
  return Boolean(bot.name && activity.text?.includes(`<at>${bot.name}</at>`));
}

/**
 * The question in a message: the bot's mention removed (by the entity's `text` where Teams sends
 * it, else by `<at>{bot name}</at>`, which is what Teams writes), other people's mentions kept as
 * their names, HTML entities decoded; '' when nothing visible is left (only zero-width, filler or
 * combining characters: an empty message, not a question).
 */
export function questionFromTeamsText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  const bot = activity.recipient;
  for (const e of activity.entities ?? []) {
    if (e.type === 'mention' && e.mentioned?.id === bot.id && e.text) text = text.split(e.text).join(' ');
  }
  if (bot.name) text = text.replace(new RegExp(`<at>\\s*${escapeRegExp(bot.name)}\\s*</at>`, 'gi'), ' ');
  const question = text
    .replace(/<at>([^<]*)<\/at>/gi, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|nbsp);/g, (m) => entities[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
  return hasVisibleText(question) ? question : '';
}

/** Whether the activity comes from a bot: `from.role` is `bot`, or a Teams bot id (`28:…`). */
export function fromBot(activity: TeamsActivity): boolean {
  return activity.from.role === 'bot' || activity.from.id.startsWith('28:');
}
