import type { AssistantMessage, WorkspaceSettings } from '@clara/core';
import { ActionTypes, type Activity, ActivityTypes, CardFactory } from 'botbuilder';
import type { ConversationScope } from './activity-schema';

type CardAction = Record<string, unknown>;

const bookingTitle = 'Book a call';

function adaptiveCard(body: unknown[], actions: CardAction[]) {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    // Teams renders schema 1.5 on desktop and mobile; 1.4 keeps older clients working.
    version: '1.4',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    body,
    actions,
  });
}

/** A chip as a card button: Teams posts `data` back to the bot as the message's `value`. */
function askButton(question: string): CardAction {
  return { type: 'Action.Submit', title: question, data: { clara_action: 'ask', question } };
}

export interface RenderInput {
  text: string;
  chips: readonly string[];
  /** The booking link, shown as an `Action.OpenUrl` button. */
  bookingUrl: string | null;
  scope: ConversationScope;
}

/**
 * Renders a Clara message in Teams' idiom: Markdown text; chips as suggested actions in a
 * personal chat (Teams shows those only there) and as Adaptive Card `Action.Submit`
 * buttons in channels and group chats; the booking link as an `Action.OpenUrl` button.
 */
export function renderMessage(input: RenderInput): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: input.text,
    textFormat: 'markdown',
  };
  const cardActions: CardAction[] = [];
  if (input.chips.length > 0) {
    if (input.scope === 'personal') {
      activity.suggestedActions = {
        to: [],
        actions: input.chips.map((chip) => ({ type: ActionTypes.ImBack, title: chip, value: chip })),
      };
    } else {
      cardActions.push(...input.chips.map(askButton));
    }
  }
  if (input.bookingUrl)
    cardActions.push({ type: 'Action.OpenUrl', title: bookingTitle, url: input.bookingUrl });
  if (cardActions.length > 0) {
    const label = input.chips.length > 0 && input.scope !== 'personal' ? 'Related questions' : 'Next step';
    activity.attachments = [
      adaptiveCard([{ type: 'TextBlock', text: label, weight: 'Bolder', wrap: true }], cardActions),
    ];
  }
  return activity;
}

/** Thumbs under an answer: `Action.Submit` posts `data` back as the message's `value`. */
function feedbackCard(messageId: string) {
  const thumb = (rating: 'up' | 'down', title: string): CardAction => ({
    type: 'Action.Submit',
    title,
    data: { clara_action: 'feedback', rating, message_id: messageId },
  });
  return adaptiveCard(
    [{ type: 'TextBlock', text: 'Was this helpful?', isSubtle: true, wrap: true }],
    [thumb('up', '👍 Yes'), thumb('down', '👎 No')],
  );
}

/**
 * Renders an assistant reply; the booking button appears only when escalation was offered, and
 * thumbs under an answer (not a gap, which is already with the team) when feedback is stored.
 */
export function renderReply(
  message: AssistantMessage,
  settings: WorkspaceSettings,
  scope: ConversationScope,
  options: { feedback?: boolean } = {},
): Partial<Activity> {
  const booking = message.escalation_offered && settings.escalation_enabled ? settings.booking_url : null;
  const activity = renderMessage({
    text: message.content,
    chips: message.suggestion_chips,
    bookingUrl: booking,
    scope,
  });
  if (options.feedback && !message.gap_detected) {
    activity.attachments = [...(activity.attachments ?? []), feedbackCard(message.message_id)];
  }
  return activity;
}

/** Said when a message has files or images but no text. */
export const textOnlyNotice = 'I can only read text for now. Please type your question and I’ll answer it.';

/** Said for a card button Clara does not know (another app's card, or an old card whose action changed). */
export const staleButtonNotice =
  'That button isn’t one I can act on any more. Please type your question and I’ll answer it.';

/** The welcome sent when Clara is added to a conversation, with the suggested questions as chips. */
export function renderWelcome(settings: WorkspaceSettings, scope: ConversationScope): Partial<Activity> {
  return renderMessage({
    text: settings.welcome_message,
    chips: settings.suggested_messages,
    bookingUrl: null,
    scope,
  });
}
