import type { AllMiddlewareArgs, App, Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { questionFromSlackText, type SlackPlace, sessionTokenFor, slackMessageId } from './conversation';
import { type PostAnswerDeps, postAnswer, slackErrorCode } from './post-answer';
import { bookingActionId, chipActionPrefix } from './render-reply';
import { appMentionSchema, blockActionsSchema, messageEventSchema } from './slack-schemas';

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

/** Registers Clara's listeners: mentions, DMs, thread follow-ups and button clicks. */
export function registerListeners(app: App, deps: PostAnswerDeps, userNames: UserNames): void {
  const ask = async (
    args: AllMiddlewareArgs,
    place: SlackPlace,
    userId: string,
    ts: string,
    text: string,
  ) => {
    const question = questionFromSlackText(text, args.context.botUserId);
    if (!question) return;
    await postAnswer(args.client, deps, {
      workspaceId: workspaceOf(args.context),
      place,
      userId,
      userName: await userNames(args.client, place.teamId, userId),
      // Keyed on the Slack message, not the event: app_mention and message.* for one post share it.
      messageId: slackMessageId(place.teamId, place.channelId, ts),
      question,
    });
  };

  app.event('app_mention', async (args) => {
    const parsed = appMentionSchema.safeParse(args.event);
    if (!parsed.success || parsed.data.bot_id || parsed.data.subtype) return;
    const e = parsed.data;
    const teamId = args.context.teamId ?? args.body.team_id;
    // Answer in a thread under the mention, or in the thread the mention was written in.
    await ask(args, { teamId, channelId: e.channel, threadTs: e.thread_ts ?? e.ts }, e.user, e.ts, e.text);
  });

  app.event('message', async (args) => {
    const parsed = messageEventSchema.safeParse(args.event);
    if (!parsed.success) return;
    const e = parsed.data;
    // Edits (message_changed), deletions, joins and bot posts carry a subtype or a bot_id.
    if (e.subtype || e.bot_id || !e.user || !e.text || e.user === args.context.botUserId) return;
    const teamId = args.context.teamId ?? args.body.team_id;
    if (e.channel_type === 'im') {
      await ask(args, { teamId, channelId: e.channel, threadTs: e.thread_ts }, e.user, e.ts, e.text);
      return;
    }
    // In channels only replies inside a thread Clara already answers continue without a mention;
    // a message that mentions Clara is handled by its app_mention event.
    const botUserId = args.context.botUserId;
    if (!e.thread_ts || e.thread_ts === e.ts || (botUserId && e.text.includes(`<@${botUserId}`))) return;
    const place = { teamId, channelId: e.channel, threadTs: e.thread_ts };
    const history = await deps.store.history(workspaceOf(args.context), sessionTokenFor(place));
    if (history.length === 0) return;
    await ask(args, place, e.user, e.ts, e.text);
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
      place,
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
