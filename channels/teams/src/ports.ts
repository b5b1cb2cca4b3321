import type { ChatEngine, WorkspaceReader } from '@clara/core';

/** How a bot registration authenticates to Microsoft Entra (the Bot Framework's `MicrosoftAppType`). */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** One Azure Bot registration bound to a Clara workspace. */
export interface TeamsBot {
  /** The bot's Microsoft App ID (the `aud` of the tokens Teams sends it). */
  appId: string;
  workspaceId: string;
  appPassword?: string | undefined;
  tenantId?: string | undefined;
  appType?: TeamsAppType | undefined;
}

/** Where the channel finds its bots: the environment's bot and `channel_connections` rows. */
export interface TeamsBotDirectory {
  /** The active bot with this app id, or null. */
  find(appId: string): Promise<TeamsBot | null>;
  /** True when at least one bot is registered: then every request needs a valid token. */
  hasAny(): Promise<boolean>;
}

/**
 * Activities already handled (the `channel_events` table), so a redelivered activity is
 * answered once, across restarts too.
 */
export interface TeamsEventLog {
  /** Records the event; false when it was already recorded (a redelivery). */
  claim(eventId: string, workspaceId: string): Promise<boolean>;
  /** Forgets a claim whose handling failed, so a redelivery can try again. */
  release(eventId: string): Promise<void>;
}

/** The few logger methods the channel uses (pino's signature). */
export interface ChannelLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A thumbs rating on one of Clara's answers in Teams. */
export interface TeamsFeedback {
  workspaceId: string;
  sessionToken: string;
  /** The assistant message's id. */
  messageId: string;
  rating: 'up' | 'down';
}

/** Stores a rating on the assistant message (a thumbs-down on an answer files a gap); throws for an unknown one. */
export type TeamsFeedbackRecorder = (feedback: TeamsFeedback) => Promise<{ gap_filed: boolean }>;

/** What the Teams channel needs from the rest of Clara. */
export interface TeamsChannelDeps {
  engine: Pick<ChatEngine, 'turn'>;
  workspaces: WorkspaceReader;
  bots: TeamsBotDirectory;
  events: TeamsEventLog;
  logger: ChannelLogger;
  /** Stores thumbs on answers (the widget's feedback store); without it thumbs are not offered. */
  feedback?: TeamsFeedbackRecorder | undefined;
}
