import type { Logger } from '@clara/core';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackInstallations } from './ports';

/** `tokens_revoked`: user tokens (`oauth`) and bot tokens (`bot`) revoked, by user id. */
const tokensRevokedSchema = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() }),
});

/**
 * Switches a connection off when Slack says its token is gone: `app_uninstalled`, or
 * `tokens_revoked` naming a bot token (Clara keeps no user tokens). Bolt skips authorize for
 * these two events, since the token no longer works. Later events of the team are verified and
 * ignored with a 200 (see the receiver); installing again reactivates the connection.
 */
export function registerUninstall(
  app: App,
  deps: { installations?: SlackInstallations | undefined; logger: Logger },
): void {
  const deactivate = async (context: Record<string, unknown>, reason: string) => {
    const teamId = context.claraTeamId as string | null | undefined;
    const workspaceId = context.claraWorkspaceId as string;
    if (!teamId || !deps.installations) {
      // The env app (SLACK_*) serves any team: its configuration is the owner's to change.
      deps.logger.warn({ reason }, 'slack app uninstalled for the env app; nothing to deactivate');
      return;
    }
    const done = await deps.installations.deactivate({ workspaceId, teamId, reason });
    deps.logger.info(
      { team_id: teamId, workspace_id: workspaceId, reason, done },
      'slack connection deactivated',
    );
  };
  app.event('app_uninstalled', async ({ context }) => deactivate(context, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, context }) => {
    const parsed = tokensRevokedSchema.safeParse(event);
    if (!parsed.success || (parsed.data.tokens.bot ?? []).length === 0) return;
    await deactivate(context, 'tokens_revoked');
  });
}
