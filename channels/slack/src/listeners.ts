import { type ChannelEvents, isAddressedToClara, smallTalkOf, smallTalkReply } from '@clara/core';
import type { AllMiddlewareArgs, App, Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { questionFromSlackText, type SlackPlace, sessionTokenFor, slackMessageId } from './conversation';
import { type PostAnswerDeps, postAnswer, slackErrorCode } from './post-answer';
import { bookingActionId, chipActionPrefix } from './render-reply';
import { appMentionSchema, blockActionsSchema, messageEventSchema } from './slack-schemas';
import { othersInThread } from './thread-participants';

/** Resolves a Slack user's display name for `chat_sessions.visitor_name` (users.info, cached). */
export type UserNames = (client: WebClient, teamId: string, userId: string) => Promise<string | undefined>;

export function createUserNames(deps: Pick<PostAnswerDeps, 'logger'>): UserNames {
  const cache = new Map<string, Promise<string | undefined>>();
  return (client, teamId, userId) => {
    const key = `${teamId}:${userId}`;
    let name = cache.get(key);
    if (!name) {
      name = client.users.info({ user: userId }).then(
        (res) => res.user?.profile?.display_name || res.user?.real_name || res.user?.name || undefined,
        (error: unknown) => {
          cache.delete(key);
          deps.logger.warn(
            { slack_error: slackErrorCode(error) },
            'slack users.info failed; no visitor name',
          );
          return undefined;
        },
      );
      cache.set(key, name);
    }
    return name;
  };
}

const workspaceOf = (context: Context) => context.claraWorkspaceId as string;

// Subtypes that are still a person writing to the channel; every other subtype is a system
// notice (joins, pins, topic changes, …) or an edit.
const personSubtypes = new Set(['file_share', 'thread_broadcast']);
const editSubtypes = new Set(['message_changed', 'message_deleted']);
// Slackbot's notices in a DM arrive as plain messages from this user id.
const slackbot = 'USLACKBOT';

/** Told to a DM sender whose message had files but no text. */
export const textOnlyNotice = 'I can only read text for now. Please type your question and I’ll answer it.';

/** Registers Clara's listeners: mentions, DMs, thread follow-ups and button clicks. */
export function registerListeners(
  app: App,
  deps: PostAnswerDeps & { events: ChannelEvents },
  userNames: UserNames,
): void {
  /**
   * Claims the Slack message itself (team, channel, ts), as the receiver claims the event_id: a
   * message Slack delivers again under a new event_id is recognised before anything is posted
   * for it (no placeholder, no second reply). app_mention and message.* of one post share it.
   */
  const firstDelivery = async (args: AllMiddlewareArgs, teamId: string, channelId: string, ts: string) => {
    const key = `message:${slackMessageId(teamId, channelId, ts)}`;
    if (await deps.events.claim(key, workspaceOf(args.context))) return true;
    deps.logger.info(
      { slack_channel: channelId, ts },
      'slack message already handled; delivery under a new event id ignored',
    );
    return false;
  };
  const ask = async (
    args: AllMiddlewareArgs,
    place: SlackPlace,
    userId: string,
    ts: string,
    text: string,
    assistantThread = false,
  ) => {
    const question = questionFromSlackText(text, args.context.botUserId);
    if (!question) return;
    if (!(await firstDelivery(args, place.teamId, place.channelId, ts))) return;
    const small = smallTalkOf(question);
    // A greeting or a thanks: a short reply, no turn, so no session and never a gap. An
    // acknowledgement ("yes please", "ok") is the engine's: the conversation may give it a meaning.
    if (small === 'greeting' || small === 'thanks') {
      await args.client.chat.postMessage({
        channel: place.channelId,
        text: smallTalkReply(small),
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
      return;
    }
    await postAnswer(args.client, deps, {
      workspaceId: workspaceOf(args.context),
      // With the Grid org: a follow-up finds an org-wide install's connection by it.
      place: { ...place, enterpriseId: args.context.enterpriseId },
      userId,
      userName: await userNames(args.client, place.teamId, userId),
      // Keyed on the Slack message, not the event: app_mention and message.* for one post share it.
      messageId: slackMessageId(place.teamId, place.channelId, ts),
      question,
      assistantThread,
    });
  };
  const skip = (reason: string, event: { channel: string; ts: string }) =>
    deps.logger.debug({ reason, slack_channel: event.channel, ts: event.ts }, 'slack message not for Clara');

  app.event('app_mention', async (args) => {
    const parsed = appMentionSchema.safeParse(args.event);
    if (!parsed.success) return;
    const e = parsed.data;
    const decision = isAddressedToClara({
      fromBot: Boolean(e.bot_id || e.bot_profile || e.user === args.context.botUserId),
      system: e.user === slackbot || (e.subtype !== undefined && !personSubtypes.has(e.subtype)),
      edit: e.subtype !== undefined && editSubtypes.has(e.subtype),
      direct: false,
      mentionsClara: true,
    });
    if (!decision.addressed) return skip(decision.reason, e);
    const teamId = args.context.teamId ?? args.body.team_id;
    // Answer in a thread under the mention, or in the thread the mention was written in.
    await ask(args, { teamId, channelId: e.channel, threadTs: e.thread_ts ?? e.ts }, e.user, e.ts, e.text);
  });

  app.event('message', async (args) => {
    const parsed = messageEventSchema.safeParse(args.event);
    if (!parsed.success) return;
    const e = parsed.data;
    const botUserId = args.context.botUserId;
    const text = e.text ?? '';
    const direct = e.channel_type === 'im';
    const mentionsClara = Boolean(botUserId && text.includes(`<@${botUserId}`));
    // `<@U…>` / `<@W…>` of a person other than Clara, or a user group (`<!subteam^…>`).
    const mentionsOthers =
      [...text.matchAll(/<@([UW][A-Z0-9]+)/g)].some((m) => m[1] !== botUserId) || text.includes('<!subteam^');
    const facts = {
      fromBot: Boolean(e.bot_id || e.bot_profile || e.subtype === 'bot_message' || e.user === botUserId),
      system: e.user === slackbot || (e.subtype !== undefined && !personSubtypes.has(e.subtype)),
      edit: e.subtype !== undefined && editSubtypes.has(e.subtype),
      direct,
      mentionsClara,
      mentionsOthers,
    };
    const first = isAddressedToClara(facts);
    if (!first.addressed && first.reason !== 'not_addressed') return skip(first.reason, e);
    if (!e.user) return skip('no_user', e);
    // In channels a message that mentions Clara also arrives as app_mention, which answers it.
    if (!direct && mentionsClara) return;
    const teamId = args.context.teamId ?? args.body.team_id;
    if (direct) {
      if (!questionFromSlackText(text, botUserId)) {
        // A file without a caption: say what Clara can read rather than stay silent.
        if (e.subtype === 'file_share' && (await firstDelivery(args, teamId, e.channel, e.ts))) {
          await args.client.chat.postMessage({
            channel: e.channel,
            text: textOnlyNotice,
            ...(e.thread_ts ? { thread_ts: e.thread_ts } : {}),
          });
        }
        return;
      }
      // A DM thread is an assistant thread for Slack's AI apps (Bolt reads it the same way).
      const place = { teamId, channelId: e.channel, threadTs: e.thread_ts };
      await ask(args, place, e.user, e.ts, text, e.thread_ts !== undefined);
      return;
    }
    // A channel message without a mention: only a follow-up in a thread Clara answers, by the
    // person it answered, until someone else joins the thread.
    if (!e.thread_ts || e.thread_ts === e.ts) return skip('not_addressed', e);
    const place = { teamId, channelId: e.channel, threadTs: e.thread_ts };
    const history = await deps.store.history(workspaceOf(args.context), sessionTokenFor(place));
    const othersJoined =
      history.length > 0 &&
      (await othersInThread(
        args.client,
        deps.logger,
        { channelId: e.channel, threadTs: e.thread_ts },
        e.user,
        botUserId,
      ));
    const decision = isAddressedToClara({
      ...facts,
      thread: { claraAnswered: history.length > 0, othersJoined },
    });
    if (!decision.addressed) return skip(decision.reason, e);
    await ask(args, place, e.user, e.ts, text);
  });

  app.action(new RegExp(`^${chipActionPrefix}\\d+$`), async (args) => {
    await args.ack();
    const parsed = blockActionsSchema.safeParse(args.body);
    if (!parsed.success) return;
    const body = parsed.data;
    const action = body.actions[0];
    const channelId = body.channel?.id;
    const question = action?.value?.trim();
    if (!channelId || !question || !body.message) return;
    const teamId = args.context.teamId ?? body.team?.id ?? body.user.team_id ?? 'unknown';
    // The clicked answer sits in the conversation's thread (or at a DM's top level).
    const place = { teamId, channelId, threadTs: body.message.thread_ts };
    await postAnswer(args.client, deps, {
      workspaceId: workspaceOf(args.context),
      // With the Grid org: a follow-up finds an org-wide install's connection by it.
      place: { ...place, enterpriseId: args.context.enterpriseId },
      userId: body.user.id,
      userName: await userNames(args.client, teamId, body.user.id),
      messageId: slackMessageId(
        teamId,
        channelId,
        body.message.ts,
        body.user.id,
        action?.action_ts ?? question,
      ),
      question,
      askedByClick: true,
    });
  });

  // A link button still sends block_actions; Slack shows an error icon unless it is acked.
  app.action(bookingActionId, async ({ ack }) => {
    await ack();
  });
}
