import type { Logger } from '@clara/core';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from './mrkdwn';
import type { SlackChannelCore } from './ports';
import { slackErrorCode } from './slack-error';
import { assistantThreadStartedSchema } from './slack-schemas';

// Slack shows at most four suggested prompts in an assistant thread (setSuggestedPrompts: "up to four").
const maxPrompts = 4;
// A thread title is a line in the assistant's history list: keep it short.
const maxTitle = 80;

/** Title for the list of suggested prompts in a new assistant thread. */
export const suggestedPromptsTitle = 'Try asking';

export interface AssistantThreadDeps extends SlackChannelCore {
  logger: Logger;
}

/**
 * Answers `assistant_thread_started` (a person opened Clara's assistant container): the
 * workspace's welcome message in the thread, and its `suggested_messages` as suggested prompts.
 * Questions asked in the thread then arrive as `message.im` with a `thread_ts` (see listeners).
 */
export function registerAssistantThread(app: App, deps: AssistantThreadDeps): void {
  app.event('assistant_thread_started', async ({ event, client, context }) => {
    const parsed = assistantThreadStartedSchema.safeParse(event);
    if (!parsed.success) return;
    const { channel_id: channelId, thread_ts: threadTs } = parsed.data.assistant_thread;
    const workspaceId = context.claraWorkspaceId as string;
    const log = { workspace_id: workspaceId, slack_channel: channelId };
    const settings = (await deps.store.getWorkspace(workspaceId))?.settings;
    if (!settings) return;
    try {
      await client.chat.postMessage({
        channel: channelId,
        thread_ts: threadTs,
        // Owner text: escaped, so it cannot ping @channel or forge a link.
        text: escapeMrkdwn(settings.welcome_message || 'Hi! How can I help you today?'),
      });
    } catch (error) {
      deps.logger.warn({ ...log, slack_error: slackErrorCode(error) }, 'slack assistant welcome not posted');
    }
    const prompts = settings.suggested_messages
      .slice(0, maxPrompts)
      .map((message) => ({ title: message, message }));
    if (prompts.length === 0) return;
    try {
      await client.assistant.threads.setSuggestedPrompts({
        channel_id: channelId,
        thread_ts: threadTs,
        title: suggestedPromptsTitle,
        prompts,
      });
    } catch (error) {
      deps.logger.warn(
        { ...log, slack_error: slackErrorCode(error) },
        'slack assistant suggested prompts not set',
      );
    }
  });
}

/** The assistant thread's title from its first question: one line, at most 80 characters. */
export function threadTitleOf(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length <= maxTitle ? line : `${line.slice(0, maxTitle - 1).trimEnd()}…`;
}

/** Names an assistant thread after its first question (`assistant.threads.setTitle`); a failure is only logged. */
export async function setThreadTitle(
  client: WebClient,
  logger: Logger,
  place: { channelId: string; threadTs: string },
  question: string,
): Promise<void> {
  try {
    await client.assistant.threads.setTitle({
      channel_id: place.channelId,
      thread_ts: place.threadTs,
      title: threadTitleOf(question),
    });
  } catch (error) {
    logger.debug({ slack_error: slackErrorCode(error) }, 'slack assistant title not set');
  }
}
