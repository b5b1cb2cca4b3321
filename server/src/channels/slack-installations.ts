import { type SlackAccessResponse, SlackOAuthError, slackOAuthAccess } from '@clara/channel-slack';
import { ClaraError } from '@clara/core';
import { type Database, lockChannelConnection, updateChannelConnectionCredentials } from '@clara/supabase';
import { z } from 'zod';
import type { Config } from '../config/load-config';
import type { Logger } from '../logger';
import { decryptKey, encryptKey } from '../vault';

/**
 * What a `channel_connections` row installed with "Add to Slack" holds, once decrypted. No
 * signing secret: the OAuth app's (SLACK_SIGNING_SECRET) verifies its requests.
 */
export const slackInstallationSchema = z.object({
  via: z.literal('oauth'),
  // With token rotation on, bot tokens look like `xoxe.xoxb-1-…` and expire (12 h at Slack).
  bot_token: z.string().regex(/^(xoxe\.)?xoxb-[A-Za-z0-9-]+$/, 'a Slack bot token'),
  refresh_token: z.string().min(1).max(500).optional(),
  /** When the bot token expires (ms since the epoch); absent when rotation is off. */
  expires_at: z.number().int().positive().optional(),
  /** The Slack user who installed the app (`authed_user.id`): the Home tab shows them the open gaps. */
  installer_user_id: z.string().min(1).max(64).optional(),
  bot_user_id: z.string().max(64).optional(),
  app_id: z.string().max(64).optional(),
  scope: z.string().max(2000).optional(),
});

export type SlackInstallation = z.infer<typeof slackInstallationSchema>;

/** Seals an installation for `channel_connections.encrypted_credentials` (the vault format). */
export function encryptSlackInstallation(installation: SlackInstallation, masterKey: Buffer): string {
  return encryptKey(JSON.stringify(slackInstallationSchema.parse(installation)), masterKey);
}

/** True when decrypted credentials are an OAuth installation rather than a pasted app. */
export const isSlackInstallation = (credentials: unknown): boolean =>
  (credentials as { via?: unknown } | null)?.via === 'oauth';

/** An installation Slack granted, ready to store. */
export interface GrantedInstallation {
  /** The team (`T…`), or the Grid org (`E…`) of an org-wide install: the connection's external id. */
  externalId: string;
  label: string | undefined;
  installation: SlackInstallation;
}

type OAuthConfig = NonNullable<Config['slack']['oauth']>;

const slackCode = (error: unknown) => (error instanceof SlackOAuthError ? error.slackError : 'unreachable');

/** Exchanges an authorization code for the installation (`oauth.v2.access`). Throws ClaraError naming Slack's error only. */
export async function exchangeSlackCode(input: {
  code: string;
  redirectUri: string;
  oauth: OAuthConfig;
  apiUrl: string | undefined;
  now: number;
}): Promise<GrantedInstallation> {
  let r: SlackAccessResponse;
  try {
    r = await slackOAuthAccess({
      clientId: input.oauth.clientId,
      clientSecret: input.oauth.clientSecret,
      apiUrl: input.apiUrl,
      grant: { code: input.code, redirectUri: input.redirectUri },
    });
  } catch (error) {
    throw new ClaraError('validation_failed', `Slack refused the installation (${slackCode(error)}).`);
  }
  const externalId = r.is_enterprise_install ? r.enterprise?.id : r.team?.id;
  if (!externalId) throw new ClaraError('validation_failed', 'Slack named no team for the installation.');
  const installation = slackInstallationSchema.safeParse({
    via: 'oauth',
    bot_token: r.access_token,
    refresh_token: r.refresh_token,
    expires_at: r.expires_in ? input.now + r.expires_in * 1000 : undefined,
    installer_user_id: r.authed_user?.id,
    bot_user_id: r.bot_user_id,
    app_id: r.app_id,
    scope: r.scope,
  });
  // A token in a shape Clara does not know is refused rather than stored.
  if (!installation.success)
    throw new ClaraError('validation_failed', 'Slack answered the installation unexpectedly.');
  return {
    externalId,
    label: (r.is_enterprise_install ? r.enterprise?.name : r.team?.name) || undefined,
    installation: installation.data,
  };
}

/** How long before its expiry a rotating token is refreshed. */
export const refreshMarginMs = 5 * 60 * 1000;

/**
 * Keeps rotating bot tokens fresh: `fresh(row)` returns the stored token, or refreshes it first
 * when it expires within `refreshMarginMs` (`oauth.v2.access` with grant_type=refresh_token).
 * The row is locked while refreshing, so two instances never spend the same refresh token
 * twice; the second sees the first's new token. One refresh per row at a time in this process.
 */
export function createSlackTokenRefresher(deps: {
  db: Database;
  masterKey: Buffer;
  oauth: OAuthConfig | undefined;
  apiUrl: string | undefined;
  logger: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<string>>();
  const due = (i: SlackInstallation) => i.expires_at !== undefined && i.expires_at - now() <= refreshMarginMs;

  async function refresh(connectionId: string): Promise<string> {
    return deps.db.transaction(async (tx) => {
      const row = await lockChannelConnection(tx, connectionId);
      if (!row) throw new Error('The Slack connection is no longer active.');
      const current = slackInstallationSchema.parse(
        JSON.parse(decryptKey(row.encrypted_credentials, deps.masterKey)),
      );
      // Another instance may have refreshed it while this one waited for the lock.
      if (!due(current)) return current.bot_token;
      if (!deps.oauth || !current.refresh_token) throw new Error('No way to refresh this Slack token.');
      let r: SlackAccessResponse;
      try {
        r = await slackOAuthAccess({
          clientId: deps.oauth.clientId,
          clientSecret: deps.oauth.clientSecret,
          apiUrl: deps.apiUrl,
          grant: { refreshToken: current.refresh_token },
        });
      } catch (error) {
        throw new Error(`Slack refused the token refresh (${slackCode(error)}).`);
      }
      const next: SlackInstallation = {
        ...current,
        bot_token: r.access_token,
        refresh_token: r.refresh_token ?? current.refresh_token,
        expires_at: r.expires_in ? now() + r.expires_in * 1000 : undefined,
      };
      await updateChannelConnectionCredentials(tx, row.id, encryptSlackInstallation(next, deps.masterKey));
      deps.logger.info(
        { connection_id: row.id, expires_at: next.expires_at && new Date(next.expires_at).toISOString() },
        'slack token refreshed',
      );
      return next.bot_token;
    });
  }

  return {
    /** The installation's bot token, refreshed first when it is about to expire. */
    async fresh(connectionId: string, installation: SlackInstallation): Promise<string> {
      if (!due(installation)) return installation.bot_token;
      let pending = running.get(connectionId);
      if (!pending) {
        pending = refresh(connectionId).finally(() => running.delete(connectionId));
        running.set(connectionId, pending);
      }
      try {
        return await pending;
      } catch (error) {
        deps.logger.warn(
          { connection_id: connectionId, reason: (error as Error).message.slice(0, 200) },
          'slack token refresh failed',
        );
        // Still valid for a few minutes: use it, and try again on the next request.
        if (installation.expires_at !== undefined && installation.expires_at > now())
          return installation.bot_token;
        throw error;
      }
    },
  };
}

export type SlackTokenRefresher = ReturnType<typeof createSlackTokenRefresher>;
