import type { AssistantMessage } from '@clara/core';
import { escapeMrkdwn, toMrkdwn, toPlainText } from './mrkdwn';

/** Action ids on Clara's buttons; a chip's value is the question it asks. */
export const chipActionPrefix = 'clara_chip_';
export const bookingActionId = 'clara_booking';
/** Thumbs on an answer; the value is the assistant message's id (the session follows from the thread). */
export const feedbackActionIds = { up: 'clara_feedback_up', down: 'clara_feedback_down' } as const;

interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
interface Button {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}
/** The Block Kit blocks Clara posts (a subset of Slack's KnownBlock). */
export type SlackBlock =
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'actions'; block_id: string; elements: Button[] };

export interface RenderOptions {
  /** The workspace's booking link, shown as a button when the reply offers escalation. */
  bookingUrl: string | null;
  /** Set when the question came from a chip click rather than a typed message. */
  askedBy?: { userId: string; question: string } | undefined;
}

// Wire limits: section text ≤ 3000 chars, button text ≤ 75, button value ≤ 2000, message text ≤ 40000,
// 50 blocks a message.
const sectionLimit = 3000;
const buttonTextLimit = 75;
/** The answer's sections at most: 50 blocks less the four others a reply may carry (asked by, gap notice, buttons, thumbs). */
export const maxSections = 46;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function sections(mrkdwn: string): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let rest = mrkdwn;
  while (rest.length > 0) {
    if (blocks.length === maxSections - 1) {
      // The last section Slack accepts: the rest is cut there with an ellipsis.
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(rest, sectionLimit) } });
      break;
    }
    let cut = rest.length <= sectionLimit ? rest.length : rest.lastIndexOf('\n', sectionLimit);
    if (cut <= 0) cut = sectionLimit;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: rest.slice(0, cut) } });
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  return blocks;
}

/** The notice under an answer Clara could not ground: the question is noted for the team (no follow-up promised). */
export const gapNotice = ':memo: This isn’t in the knowledge base yet: I’ve noted the question for the team.';

// The gap reply usually says so itself ("…noted your question…", or a model's "passed your question
// on to the team"): no second notice then.
const saysPassedOn = /passed (?:your|the|this) question on|noted (?:your|the|this) (?:question|request)/i;

function feedbackBlock(messageId: string): SlackBlock {
  const thumb = (rating: 'up' | 'down', text: string): Button => ({
    type: 'button',
    action_id: feedbackActionIds[rating],
    text: { type: 'plain_text', text, emoji: true },
    value: messageId,
  });
  return {
    type: 'actions',
    block_id: 'clara_feedback',
    elements: [thumb('up', ':thumbsup: Helpful'), thumb('down', ':thumbsdown: Not helpful')],
  };
}

/**
 * Renders an assistant reply as Slack's idiom: mrkdwn sections, a gap notice, chips and booking
 * as buttons, and thumbs buttons under an answer (a gap is already with the team).
 */
export function renderReply(
  reply: AssistantMessage,
  options: RenderOptions,
): { text: string; blocks: SlackBlock[] } {
  const blocks: SlackBlock[] = [];
  if (options.askedBy) {
    const question = escapeMrkdwn(options.askedBy.question);
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<@${options.askedBy.userId}> asked: _${question}_` }],
    });
  }
  blocks.push(...sections(toMrkdwn(reply.content)));
  // A "Did you mean…?" reply (reply_kind clarify) offers its questions as the chip buttons below, no notice.
  const clarify = (reply as { reply_kind?: string }).reply_kind === 'clarify';
  if (reply.gap_detected && !clarify && !saysPassedOn.test(reply.content)) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: gapNotice }] });
  }
  const buttons: Button[] = reply.suggestion_chips.slice(0, 5).map((chip, i) => ({
    type: 'button',
    action_id: `${chipActionPrefix}${i}`,
    text: { type: 'plain_text', text: clip(chip, buttonTextLimit), emoji: true },
    value: clip(chip, 2000),
  }));
  if (reply.escalation_offered && options.bookingUrl) {
    buttons.push({
      type: 'button',
      action_id: bookingActionId,
      text: { type: 'plain_text', text: 'Book a call', emoji: true },
      url: options.bookingUrl,
      style: 'primary',
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'clara_actions', elements: buttons });
  if (!reply.gap_detected) blocks.push(feedbackBlock(reply.message_id));
  // `text` is the notification and screen-reader fallback for the blocks (Slack parses it as mrkdwn too).
  return { text: clip(toPlainText(reply.content), 3000), blocks };
}
