import type { ChannelPorts, Logger } from '@clara/core';
import type { App } from '@slack/bolt';
import { sessionTokenFor } from './conversation';
import { slackErrorCode } from './post-answer';
import { feedbackActionIds } from './render-reply';
import { blockActionsSchema } from './slack-schemas';

/**
 * Thumbs on an answer: stored on the assistant message like the widget's (a thumbs-down on an
 * answer files a gap), the clicker thanked with an ephemeral message. The session is the
 * clicked message's thread, never taken from the button's value.
 */
export function registerFeedbackAction(
  app: App,
  deps: { feedback?: ChannelPorts['feedback']; logger: Logger },
): void {
  const ids = new RegExp(`^(${feedbackActionIds.up}|${feedbackActionIds.down})$`);
  app.action(ids, async (args) => {
    await args.ack();
    const parsed = blockActionsSchema.safeParse(args.body);
    if (!parsed.success || !deps.feedback) return;
    const body = parsed.data;
    const action = body.actions[0];
    const channelId = body.channel?.id;
    const messageId = action?.value;
    if (!channelId || !messageId || !body.message) return;
    const rating = action.action_id === feedbackActionIds.up ? 'up' : 'down';
    const teamId = args.context.teamId ?? body.team?.id ?? body.user.team_id ?? 'unknown';
    const workspaceId = args.context.claraWorkspaceId as string;
    const place = { teamId, channelId, threadTs: body.message.thread_ts };
    let text: string;
    try {
      const result = await deps.feedback({
        workspaceId,
        sessionToken: sessionTokenFor(place),
        messageId,
        rating,
      });
      deps.logger.info(
        { workspace_id: workspaceId, message_id: messageId, rating, gap_filed: result.gap_filed },
        'slack feedback stored',
      );
      text =
        rating === 'up'
          ? 'Thanks for the feedback!'
          : 'Thanks for telling me. I’ve passed this on to the team so the answer can be improved.';
    } catch (error) {
      deps.logger.warn(
        { workspace_id: workspaceId, code: (error as { code?: string }).code },
        'slack feedback not stored',
      );
      text = 'Sorry, I couldn’t record that feedback: this answer is no longer in my history.';
    }
    await args.client.chat
      .postEphemeral({
        channel: channelId,
        user: body.user.id,
        text,
        ...(body.message.thread_ts ? { thread_ts: body.message.thread_ts } : {}),
      })
      .catch((e: unknown) =>
        deps.logger.warn({ slack_error: slackErrorCode(e) }, 'slack feedback acknowledgement failed'),
      );
  });
}
