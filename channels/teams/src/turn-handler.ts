import { randomUUID } from 'node:crypto';
import { ClaraError, type WorkspaceRecord } from '@clara/core';
import { type Activity, ActivityTypes, TurnContext } from 'botbuilder';
import { askActionSchema, scopeOf, type TeamsActivity, teamsActivitySchema } from './activity-schema';
import { eventIdFor, sessionTokenFor, uuidFromKey } from './keys';
import type { TeamsChannelDeps } from './ports';
import { renderReply, renderWelcome } from './render-reply';

export interface TurnHandlerOptions extends TeamsChannelDeps {
  /** The workspace answered in the Emulator's unauthenticated mode (`TEAMS_WORKSPACE_ID`). */
  emulatorWorkspaceId?: string | undefined;
  /** Teams shows a typing indicator for about 3 s; it is repeated this often while answering. */
  typingIntervalMs?: number;
}

/** One authenticated turn: the parsed activity, the bot it was sent to and its workspace. */
interface Turn {
  context: TurnContext;
  activity: TeamsActivity;
  appId: string | null;
  workspace: WorkspaceRecord;
}

const tooLong = 'That message is too long for me. Please ask in under 2,000 characters.';

function metadataOf(activity: TeamsActivity, appId: string | null): Record<string, unknown> {
  return {
    channel: 'teams',
    tenant_id: activity.channelData?.tenant?.id ?? activity.conversation.tenantId,
    conversation_id: activity.conversation.id,
    conversation_type: activity.conversation.conversationType ?? 'personal',
    user_id: activity.from.id,
    user_aad_object_id: activity.from.aadObjectId,
    team_id: activity.channelData?.team?.id,
    teams_channel_id: activity.channelData?.channel?.id,
    bot_app_id: appId ?? undefined,
  };
}

/** Creates the bot logic CloudAdapter runs for each authenticated activity. */
export function createTurnHandler(options: TurnHandlerOptions) {
  const { engine, workspaces, bots, events, logger } = options;
  const typingEvery = options.typingIntervalMs ?? 2500;

  async function workspaceFor(appId: string | null): Promise<WorkspaceRecord | null> {
    const workspaceId = appId ? (await bots.find(appId))?.workspaceId : options.emulatorWorkspaceId;
    return workspaceId ? workspaces.getWorkspace(workspaceId) : null;
  }

  /** Claims the activity in `channel_events`; false for a redelivery. */
  async function claim(turn: Turn): Promise<string | null | false> {
    if (!turn.activity.id) return null;
    const eventId = eventIdFor(turn.appId, turn.activity.conversation.id, turn.activity.id);
    if (await events.claim(eventId, turn.workspace.id)) return eventId;
    logger.info({ activity_type: turn.activity.type }, 'teams activity already handled; redelivery ignored');
    return false;
  }

  async function answer(turn: Turn, question: string): Promise<void> {
    const { context, activity } = turn;
    const eventId = await claim(turn);
    if (eventId === false) return;
    const scope = scopeOf(activity);
    let typing: NodeJS.Timeout | undefined;
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
      typing = setInterval(() => {
        context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
      }, typingEvery);
      const result = await engine.turn({
        workspaceId: turn.workspace.id,
        sessionToken: sessionTokenFor(activity.conversation.id),
        messageId: uuidFromKey(eventId ?? randomUUID()),
        message: question,
        visitor: activity.from.name ? { name: activity.from.name.slice(0, 200) } : undefined,
        sessionMetadata: metadataOf(activity, turn.appId),
      });
      clearInterval(typing);
      await context.sendActivity(renderReply(result.message, turn.workspace.settings, scope));
    } catch (error) {
      clearInterval(typing);
      if (error instanceof ClaraError && error.code === 'validation_failed') {
        await context.sendActivity({ type: ActivityTypes.Message, text: tooLong });
        return;
      }
      // Let a redelivery try again.
      if (eventId) await events.release(eventId);
      throw error;
    }
  }

  async function onMessage(turn: Turn): Promise<void> {
    // "<at>Clara</at> question" in channels and group chats: keep only the question.
    const text = (TurnContext.removeRecipientMention(turn.context.activity as Activity) ?? '').trim();
    const submitted = askActionSchema.safeParse(turn.activity.value);
    const question = text || (submitted.success ? submitted.data.question : '');
    if (!question) {
      await turn.context.sendActivity(renderWelcome(turn.workspace.settings, scopeOf(turn.activity)));
      return;
    }
    await answer(turn, question);
  }

  async function onConversationUpdate(turn: Turn): Promise<void> {
    const added = turn.activity.membersAdded ?? [];
    if (!added.some((member) => member.id === turn.activity.recipient.id)) return;
    if ((await claim(turn)) === false) return;
    await turn.context.sendActivity(renderWelcome(turn.workspace.settings, scopeOf(turn.activity)));
  }

  return async function handleTurn(context: TurnContext, appId: string | null): Promise<void> {
    const parsed = teamsActivitySchema.safeParse(context.activity);
    if (!parsed.success) {
      throw new ClaraError('validation_failed', 'The activity is missing fields Clara needs.', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const activity = parsed.data;
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) {
      logger.debug({ activity_type: activity.type }, 'teams activity ignored');
      return;
    }
    const workspace = await workspaceFor(appId);
    if (!workspace) {
      throw new ClaraError('workspace_not_found', 'This bot is not bound to a Clara workspace.');
    }
    const turn: Turn = { context, activity, appId, workspace };
    if (activity.type === ActivityTypes.Message) await onMessage(turn);
    else await onConversationUpdate(turn);
  };
}
