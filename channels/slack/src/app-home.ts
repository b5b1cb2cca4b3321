import type { Logger } from '@clara/core';
import type { App } from '@slack/bolt';
import { homeTopicCount, renderHomeView } from './home-view';
import type { OwnerLinks, SlackChannelCore } from './ports';
import { slackErrorCode } from './slack-error';
import { appHomeOpenedSchema } from './slack-schemas';

export interface AppHomeDeps extends SlackChannelCore {
  logger: Logger;
  ownerLinks?: OwnerLinks | undefined;
}

/**
 * Answers `app_home_opened` on the Home tab with `views.publish`: what Clara can answer (the
 * workspace's suggested questions and largest categories) and, for the Slack user who installed
 * Clara, the count of open gaps with a link to the admin. Read-only: nothing is stored.
 */
export function registerAppHome(app: App, deps: AppHomeDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    // The Messages tab (Slack also sends this event for it) needs no view.
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    const workspaceId = context.claraWorkspaceId as string;
    const workspace = await deps.store.getWorkspace(workspaceId);
    if (!workspace) return;
    const topics = deps.knowledge ? await deps.knowledge.topCategories(workspaceId, homeTopicCount) : [];
    // The Slack user who installed Clara with "Add to Slack" is the owner here; others never see gaps.
    const isOwner = parsed.data.user === context.claraInstallerUserId && deps.knowledge?.openGaps;
    const owner = isOwner
      ? { openGaps: await (deps.knowledge?.openGaps?.(workspaceId) ?? 0), gapsUrl: deps.ownerLinks?.gapsUrl }
      : undefined;
    try {
      await client.views.publish({
        user_id: parsed.data.user,
        view: renderHomeView(workspace.settings, topics, owner),
      });
    } catch (error) {
      deps.logger.warn(
        { workspace_id: workspaceId, slack_error: slackErrorCode(error) },
        'slack home view not published',
      );
    }
  });
}
