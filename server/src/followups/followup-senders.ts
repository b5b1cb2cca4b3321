import { sendSlackFollowup } from '@clara/channel-slack';
import { createTeamsFollowupSender } from '@clara/channel-teams';
import type { ClaimedFollowup } from '@clara/supabase';
import { z } from 'zod';
import { createSlackConnectionResolver } from '../channels/slack-connections';
import { createSlackTokenRefresher } from '../channels/slack-installations';
import { createTeamsBotDirectory } from '../channels/teams-bots';
import type { Runtime } from '../runtime';
import type { FollowupAttempt, FollowupSend } from './followup-dispatcher';

// Where the question was asked, as the channels store it in chat_sessions.metadata.
const slackPlaceSchema = z.object({
  slack: z.object({
    team_id: z.string().min(1),
    channel_id: z.string().min(1),
    thread_ts: z.string().min(1).nullable().optional(),
    enterprise_id: z.string().min(1).optional(),
  }),
});
const teamsPlaceSchema = z.object({
  conversation_id: z.string().min(1),
  conversation_type: z.enum(['personal', 'groupChat', 'channel']).catch('personal'),
  tenant_id: z.string().optional(),
  bot_app_id: z.string().min(1).optional(),
  service_url: z.url({ protocol: /^https?$/ }),
  bot_id: z.string().optional(),
});

/** A follow-up that cannot be sent, however often it is tried (no place or no connection). */
class Unsendable extends Error {
  override name = 'Unsendable';
  readonly permanent = true;
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * The channel senders of the follow-up dispatcher: Slack with the bot token of the workspace's
 * Slack connection (env app or `channel_connections`), Teams as a proactive message signed
 * with the credentials of the bot the conversation is with.
 */
export function createFollowupSend(
  runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey'>,
  /** How long Slack and the Bot Connector may take to answer (defaults: 10 s and 15 s). */
  timeouts: { slackMs?: number; teamsMs?: number } = {},
): FollowupSend {
  const { config, db, logger, masterKey } = runtime;
  // As the Slack channel resolves them: installed ("Add to Slack") rows refresh rotating tokens.
  const refresher = createSlackTokenRefresher({
    db,
    masterKey,
    oauth: config.slack.oauth,
    apiUrl: config.slack.apiUrl,
    logger,
  });
  const slackConnections = createSlackConnectionResolver({
    db,
    masterKey,
    envApp: config.slack.app,
    oauth: config.slack.oauth,
    refresher,
    logger,
  });
  const bots = createTeamsBotDirectory({ db, masterKey, envBot: config.teams.bot, logger });
  const sendTeams = createTeamsFollowupSender({
    bots,
    endpoints: config.teams.endpoints,
    serviceHosts: config.teams.serviceHosts,
    timeoutMs: timeouts.teamsMs,
  });

  async function slack(f: ClaimedFollowup, messageId: string, attempt: FollowupAttempt) {
    const place = slackPlaceSchema.safeParse(f.metadata);
    if (!place.success) throw new Unsendable('no_slack_thread');
    const { team_id: teamId, channel_id: channelId, thread_ts: threadTs, enterprise_id } = place.data.slack;
    // An org-wide Grid install is stored under the org id; a team install under the team id.
    const candidates = await slackConnections.candidates({ teamIds: [teamId], enterpriseId: enterprise_id });
    // Not a connection switched off (uninstalled, tokens revoked).
    const connection = candidates.find((c) => c.workspaceId === f.workspace_id && c.active !== false);
    if (!connection) throw new Unsendable('slack_not_connected');
    const botToken = connection.freshBotToken ? await connection.freshBotToken() : connection.botToken;
    const posted = await sendSlackFollowup(
      { botToken, slackApiUrl: config.slack.apiUrl, timeoutMs: timeouts.slackMs },
      { channelId, threadTs: threadTs ?? null, question: f.question, answer: f.answer, messageId },
      attempt,
    );
    return posted.found ? ('found' as const) : undefined;
  }

  async function teams(f: ClaimedFollowup, messageId: string) {
    const place = teamsPlaceSchema.safeParse(f.metadata);
    if (!place.success) throw new Unsendable('no_teams_conversation');
    const p = place.data;
    // Only through a bot still connected to this workspace (not removed, not moved to another).
    if (p.bot_app_id && (await bots.find(p.bot_app_id))?.workspaceId !== f.workspace_id)
      throw new Unsendable('teams_not_connected');
    await sendTeams({
      serviceUrl: p.service_url,
      conversationId: p.conversation_id,
      conversationType: p.conversation_type,
      tenantId: p.tenant_id,
      botAppId: p.bot_app_id ?? null,
      botId: p.bot_id,
      question: f.question,
      answer: f.answer,
      messageId,
    });
  }

  // Teams cannot look a message up, so `attempt` is not used there (see createTeamsFollowupSender).
  return (f, messageId, attempt) =>
    f.channel === 'slack' ? slack(f, messageId, attempt ?? { maybeSentSince: null }) : teams(f, messageId);
}
