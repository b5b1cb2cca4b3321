import { type AssistantMessage, parseSettings } from '@clara/core';
import {
  type Activity,
  CardFactory,
  CloudAdapter,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationScope } from './activity-schema';
import { type BotFrameworkEndpoints, createTeamsAuthentication } from './authentication';
import type { TeamsBotDirectory } from './ports';
import { postToConversation, TeamsFollowupError } from './post-activity';
import { renderReply } from './render-reply';
import { isAllowedServiceUrl } from './service-url';

/** What Clara tells an asker in Teams once the owner has answered their question. */
export interface TeamsFollowup {
  /** The conversation's Bot Connector endpoint (the `serviceUrl` its activities came with). */
  serviceUrl: string;
  conversationId: string;
  conversationType: ConversationScope;
  tenantId?: string | undefined;
  /** The bot's Microsoft App ID (null: the Emulator's unauthenticated mode). */
  botAppId: string | null;
  /** The bot's channel account id in the conversation (`28:…`), if known. */
  botId?: string | undefined;
  question: string;
  answer: string;
  /** The id of the assistant message this follow-up is stored as (its thumbs rate it). */
  messageId: string;
}

/** The heading of a follow-up. */
export const followupHeading = 'Your question has an answer now';

/**
 * The asker's question as Adaptive Card TextRuns, which Teams never reads as Markdown: a
 * question with `[link](…)`, `**…**` or HTML is shown as typed, not posted as the bot's own link.
 */
function questionCard(question: string) {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.4',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    body: [
      {
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: 'You asked: ', isSubtle: true },
          { type: 'TextRun', text: question, italic: true },
        ],
      },
    ],
  });
}

/**
 * The follow-up activity: heading and answer as Markdown (the answer is the owner's), the
 * question as plain text in a card above the feedback card every answer has.
 */
export function renderFollowup(followup: TeamsFollowup): Partial<Activity> {
  const message: AssistantMessage = {
    message_id: followup.messageId,
    role: 'assistant',
    content: `**${followupHeading}.**\n\n${followup.answer}`,
    timestamp: new Date().toISOString(),
    suggestion_chips: [],
    gap_detected: false,
    matched_qa_ids: [],
    confidence: 1,
    escalation_offered: false,
  };
  const activity = renderReply(message, parseSettings({}), followup.conversationType, { feedback: true });
  activity.attachments = [questionCard(followup.question), ...(activity.attachments ?? [])];
  return activity;
}

/**
 * Sends follow-ups as proactive messages: CloudAdapter's `continueConversationAsync` with the
 * stored conversation reference resolves the credentials of the bot the conversation is with,
 * and the activity is posted once (`postToConversation`: no hidden retry, a timeout). Delivery
 * is at most once: the Bot Connector has no operation that reads a conversation's activities
 * and no idempotency key (the service assigns the activity id), so a send whose outcome is
 * unknown (timeout, reset after the request was written, 5xx) cannot be checked and is thrown
 * as `maybeDelivered` without `canCheck`: the dispatcher gives it up rather than post it twice.
 */
export function createTeamsFollowupSender(options: {
  bots: TeamsBotDirectory;
  endpoints?: BotFrameworkEndpoints | undefined;
  /** Hosts besides Microsoft's Bot Connector ones a follow-up may be sent to (private clouds, fakes). */
  serviceHosts?: readonly string[] | undefined;
  /** How long the Bot Connector may take to answer (default 15 s); past it the outcome is unknown. */
  timeoutMs?: number | undefined;
}) {
  const adapter = new CloudAdapter(
    createTeamsAuthentication(options.bots, options.endpoints, () => undefined),
  );
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async function sendTeamsFollowup(followup: TeamsFollowup): Promise<void> {
    // The reference is stored data an owner can edit: the bot's token goes only to the Bot Connector.
    if (!isAllowedServiceUrl(followup.serviceUrl, options.serviceHosts))
      throw new TeamsFollowupError('service_url_not_allowed', true);
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: followup.serviceUrl,
      conversation: {
        id: followup.conversationId,
        conversationType: followup.conversationType,
        isGroup: followup.conversationType !== 'personal',
        tenantId: followup.tenantId,
        name: '',
      },
      ...(followup.botId ? { bot: { id: followup.botId, name: '' } } : {}),
    };
    try {
      await adapter.continueConversationAsync(followup.botAppId ?? '', reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        // A new message in the conversation (from the bot, to it), not a reply to the
        // continuation activity's made-up id.
        const activity = TurnContext.applyConversationReference(
          { ...renderFollowup(followup), type: 'message' },
          TurnContext.getConversationReference(context.activity),
        );
        activity.replyToId = undefined;
        await postToConversation({
          serviceUrl: followup.serviceUrl,
          conversationId: followup.conversationId,
          activity,
          credentials: client.credentials,
          timeoutMs,
        });
      });
    } catch (error) {
      if (error instanceof TeamsFollowupError) throw error;
      const name = error instanceof Error ? error.name : 'Error';
      const bot = /No Teams bot is registered/.test(String((error as Error)?.message));
      throw new TeamsFollowupError(bot ? 'bot_not_connected' : name, bot);
    }
  };
}
