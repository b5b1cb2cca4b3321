import { randomUUID } from 'node:crypto';
import {
  ClaraError,
  isAddressedToClara,
  smallTalkOf,
  smallTalkReply,
  type WorkspaceRecord,
} from '@clara/core';
import { type Activity, ActivityTypes, type ConversationReference, TurnContext } from 'botbuilder';
import {
  askActionSchema,
  feedbackActionSchema,
  scopeOf,
  type TeamsActivity,
  teamsActivitySchema,
} from './activity-schema';
import { deliverAnswer } from './deliver-answer';
import { invokeResponseFor } from './invoke';
import { eventIdFor, sessionTokenFor, uuidFromKey } from './keys';
import { fromBot, mentionsRecipient, questionFromTeamsText } from './mentions';
import type { TeamsChannelDeps } from './ports';
import { questionRefusal } from './question-refusal';
import { renderWelcome, staleButtonNotice, textOnlyNotice } from './render-reply';
import { createStreamRefusals } from './stream-refusals';

export interface TurnHandlerOptions extends TeamsChannelDeps {
  /** The workspace answered in the Emulator's unauthenticated mode (`TEAMS_WORKSPACE_ID`). */
  emulatorWorkspaceId?: string | undefined;
  /** Teams shows a typing indicator for about 3 s; it is repeated this often while answering. */
  typingIntervalMs?: number;
  /** Least time between two streaming updates of a model's answer in a personal chat (default 1.5 s). */
  streamIntervalMs?: number | undefined;
}

/** One authenticated turn: the parsed activity, the bot it was sent to and its workspace. */
interface Turn {
  context: TurnContext;
  activity: TeamsActivity;
  appId: string | null;
  workspace: WorkspaceRecord;
  /** Set by the channel once the HTTP request has been answered (the answer then arrives proactively). */
  acked: { value: boolean };
}

/**
 * Work that outlives the turn: the answer, delivered to the conversation after the HTTP ack if
 * it takes long (wrapped, so that an async function returning it does not wait for it).
 */
export interface DeferredAnswer {
  done: Promise<void>;
}

const failedLate = 'Sorry, something went wrong on my side. Please ask again.';

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
    // The conversation reference a proactive follow-up needs (an answered gap, issue 17 #5).
    service_url: activity.serviceUrl,
    bot_id: activity.recipient.id,
  };
}

const say = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text });

/** Creates the bot logic CloudAdapter runs for each authenticated activity. */
export function createTurnHandler(options: TurnHandlerOptions) {
  const { engine, store, credentials: bots, events, logger } = options;
  const typingEvery = options.typingIntervalMs ?? 2500;
  const deliveryDeps = {
    engine,
    logger,
    streamIntervalMs: options.streamIntervalMs,
    refusals: createStreamRefusals(),
  };

  async function workspaceFor(appId: string | null): Promise<WorkspaceRecord | null> {
    const workspaceId = appId ? (await bots.find(appId))?.workspaceId : options.emulatorWorkspaceId;
    return workspaceId ? store.getWorkspace(workspaceId) : null;
  }

  /** Claims the activity in `channel_events`; false for a redelivery. */
  async function claim(turn: Turn): Promise<string | null | false> {
    if (!turn.activity.id) return null;
    const eventId = eventIdFor(turn.appId, turn.activity.conversation.id, turn.activity.id);
    if (await events.claim(eventId, turn.workspace.id)) return eventId;
    logger.info({ activity_type: turn.activity.type }, 'teams activity already handled; redelivery ignored');
    return false;
  }

  /**
   * Answers a question: typing at once inside the request, then the turn and the reply in a
   * proactive turn (`continueConversationAsync` with this activity's conversation reference),
   * which the channel lets outlive the HTTP request when it takes long.
   */
  async function answer(turn: Turn, question: string): Promise<DeferredAnswer | undefined> {
    const { context, activity } = turn;
    // Claimed first, so a redelivery of a refused message is silent too.
    const eventId = await claim(turn);
    if (eventId === false) return undefined;
    // Text the engine would refuse (a NUL, half an emoji, too long): the reply says which, no turn.
    // The claim is kept: there is no turn to redo.
    const refusal = questionRefusal(question);
    if (refusal) {
      logger.info({ activity_type: activity.type }, 'teams question refused');
      try {
        await context.sendActivity(say(refusal));
      } catch (error) {
        // Not delivered: a redelivery may try again.
        if (eventId) await events.release(eventId);
        throw error;
      }
      return undefined;
    }
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
    } catch (error) {
      if (eventId) await events.release(eventId);
      throw error;
    }
    const reference = TurnContext.getConversationReference(context.activity) as ConversationReference;
    const identity = context.turnState.get(context.adapter.BotIdentityKey);
    const audience = context.turnState.get(context.adapter.OAuthScopeKey) as string | undefined;
    let failure: unknown;
    const logic = async (proactive: TurnContext) => {
      // The continuation activity has an id of its own; the answer replies to the question.
      if (reference.activityId) proactive.activity.id = reference.activityId;
      const typing = setInterval(() => {
        proactive.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
      }, typingEvery);
      try {
        // Streamed in a personal chat when a model writes the answer; the whole message otherwise.
        await deliverAnswer(proactive, deliveryDeps, {
          turn: {
            workspaceId: turn.workspace.id,
            sessionToken: sessionTokenFor(activity.conversation.id),
            messageId: uuidFromKey(eventId ?? randomUUID()),
            message: question,
            visitor: activity.from.name ? { name: activity.from.name.slice(0, 200) } : undefined,
            sessionMetadata: metadataOf(activity, turn.appId),
          },
          scope: scopeOf(activity),
          settings: turn.workspace.settings,
          feedback: options.feedback !== undefined,
          streamKey: `${activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? ''}:${turn.appId ?? activity.recipient.id}`,
          onStreamStart: () => clearInterval(typing),
        });
        clearInterval(typing);
      } catch (error) {
        clearInterval(typing);
        if (error instanceof ClaraError && error.code === 'validation_failed') {
          const why = questionRefusal(question) ?? `Sorry, I can’t answer that: ${error.message}`;
          await proactive.sendActivity(say(why));
          return;
        }
        // Still inside the request: release the claim and fail it, so Teams can redeliver.
        // After the ack nothing is redelivered: tell the asker instead.
        if (!turn.acked.value) {
          if (eventId) await events.release(eventId);
        } else {
          await proactive.sendActivity(say(failedLate)).catch(() => undefined);
        }
        failure = error;
      }
    };
    const done = (async () => {
      await context.adapter.continueConversationAsync(identity, reference, audience as string, logic);
      if (failure !== undefined) throw failure;
    })();
    // Handled by the channel once the turn returns; never an unhandled rejection before that.
    done.catch(() => undefined);
    return { done };
  }

  async function onFeedback(
    turn: Turn,
    data: { rating: 'up' | 'down'; message_id: string },
  ): Promise<string> {
    if (!options.feedback) return staleButtonNotice;
    try {
      const result = await options.feedback({
        workspaceId: turn.workspace.id,
        sessionToken: sessionTokenFor(turn.activity.conversation.id),
        messageId: data.message_id,
        rating: data.rating,
      });
      logger.info(
        {
          workspace_id: turn.workspace.id,
          message_id: data.message_id,
          rating: data.rating,
          gap_filed: result.gap_filed,
        },
        'teams feedback stored',
      );
      return data.rating === 'up'
        ? 'Thanks for the feedback!'
        : 'Thanks for telling me. I’ve passed this on to the team so the answer can be improved.';
    } catch (error) {
      logger.warn({ code: (error as { code?: string }).code }, 'teams feedback not stored');
      return 'Sorry, I couldn’t record that feedback: this answer is no longer in my history.';
    }
  }

  /** A card button's `data` (Action.Submit's message value, or Action.Execute's invoke). */
  async function onButton(turn: Turn, data: unknown): Promise<{ text?: string; deferred?: DeferredAnswer }> {
    const ask = askActionSchema.safeParse(data);
    if (ask.success) return { deferred: await answer(turn, ask.data.question) };
    const feedback = feedbackActionSchema.safeParse(data);
    if (feedback.success) return { text: await onFeedback(turn, feedback.data) };
    logger.info({ activity_type: turn.activity.type }, 'teams card action not recognised');
    return { text: staleButtonNotice };
  }

  async function onMessage(turn: Turn): Promise<DeferredAnswer | undefined> {
    const { activity, context } = turn;
    const scope = scopeOf(activity);
    const question = questionFromTeamsText(activity);
    if (fromBot(activity)) {
      logger.debug({ reason: 'bot' }, 'teams message not for Clara');
      return undefined;
    }
    // A card click arrives as a message with `value` and no text: it is for Clara in any scope.
    if (activity.value !== undefined && !question) {
      const clicked = await onButton(turn, activity.value);
      if (clicked.text) await context.sendActivity(say(clicked.text));
      return clicked.deferred;
    }
    const decision = isAddressedToClara({
      fromBot: false,
      system: false,
      edit: false,
      direct: scope === 'personal',
      // With read-all (RSC) permission Teams delivers every channel message: only mentions are for Clara.
      mentionsClara: mentionsRecipient(activity),
    });
    if (!decision.addressed) {
      logger.debug({ reason: decision.reason }, 'teams message not for Clara');
      return undefined;
    }
    if (!question) {
      // Teams adds a text/html copy of rich messages; any other attachment is a file or an image.
      const files = activity.attachments?.some((a) => a.contentType !== 'text/html') ?? false;
      await context.sendActivity(files ? say(textOnlyNotice) : renderWelcome(turn.workspace.settings, scope));
      return undefined;
    }
    const small = smallTalkOf(question);
    // A greeting or a thanks needs no turn; an acknowledgement ("yes please") is the engine's:
    // the conversation may give it a meaning (small-talk-turn.ts).
    if (small === 'greeting' || small === 'thanks') {
      await context.sendActivity(say(smallTalkReply(small)));
      return undefined;
    }
    return answer(turn, question);
  }

  async function onInvoke(turn: Turn): Promise<DeferredAnswer | undefined> {
    const { activity, context } = turn;
    let deferred: DeferredAnswer | undefined;
    let text: string | undefined;
    if (activity.name === 'adaptiveCard/action') {
      const value = activity.value as { action?: { data?: unknown } } | undefined;
      const clicked = await onButton(turn, value?.action?.data);
      deferred = clicked.deferred;
      text = clicked.text ?? 'Looking that up…';
    }
    await context.sendActivity({ type: 'invokeResponse', value: invokeResponseFor(activity.name, text) });
    return deferred;
  }

  async function onConversationUpdate(turn: Turn): Promise<void> {
    const added = turn.activity.membersAdded ?? [];
    if (!added.some((member) => member.id === turn.activity.recipient.id)) return;
    if ((await claim(turn)) === false) return;
    await turn.context.sendActivity(renderWelcome(turn.workspace.settings, scopeOf(turn.activity)));
  }

  /** Runs one activity; returns the answer still being written, if any. */
  return async function handleTurn(
    context: TurnContext,
    appId: string | null,
    acked: { value: boolean },
  ): Promise<DeferredAnswer | undefined> {
    const parsed = teamsActivitySchema.safeParse(context.activity);
    if (!parsed.success) {
      // A field Postgres could not store is named; any other problem reads as a missing field.
      const unstorable = parsed.error.issues.find((i) => i.message.includes('cannot be stored'));
      const message = unstorable
        ? `The activity's ${unstorable.message}.`
        : 'The activity is missing fields Clara needs.';
      throw new ClaraError('validation_failed', message, {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const activity = parsed.data;
    const known: string[] = [ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Invoke];
    if (!known.includes(activity.type)) {
      // messageUpdate (edits), messageDelete, messageReaction, typing, …: never questions.
      logger.debug({ activity_type: activity.type }, 'teams activity ignored');
      return undefined;
    }
    const workspace = await workspaceFor(appId);
    if (!workspace) {
      throw new ClaraError('workspace_not_found', 'This bot is not bound to a Clara workspace.');
    }
    const turn: Turn = { context, activity, appId, workspace, acked };
    if (activity.type === ActivityTypes.Message) return onMessage(turn);
    if (activity.type === ActivityTypes.Invoke) return onInvoke(turn);
    await onConversationUpdate(turn);
    return undefined;
  };
}
