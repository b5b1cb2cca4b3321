import { WebClient } from '@slack/web-api';
import { z } from 'zod';

/** `oauth.v2.access` as Slack answers it for a bot install (the fields Clara keeps; the rest is ignored). */
export const slackAccessResponseSchema = z.object({
  ok: z.literal(true),
  access_token: z.string(),
  token_type: z.literal('bot'),
  // With token rotation on: a refresh token and the access token's lifetime in seconds (12 h).
  refresh_token: z.string().optional(),
  expires_in: z.number().int().positive().optional(),
  bot_user_id: z.string().optional(),
  app_id: z.string().optional(),
  scope: z.string().optional(),
  team: z.object({ id: z.string(), name: z.string().optional() }).nullish(),
  enterprise: z.object({ id: z.string(), name: z.string().optional() }).nullish(),
  is_enterprise_install: z.boolean().optional(),
  // The person who clicked "Allow".
  authed_user: z.object({ id: z.string() }).optional(),
});

export type SlackAccessResponse = z.infer<typeof slackAccessResponseSchema>;

/** Why Slack refused an OAuth call: its error code only (never a credential). */
export class SlackOAuthError extends Error {
  override name = 'SlackOAuthError';
  constructor(readonly slackError: string) {
    super(`Slack refused the OAuth call (${slackError}).`);
  }
}

/**
 * `oauth.v2.access` through @slack/web-api (the client id and secret in the form body): either
 * a `code` from the redirect (with the same `redirectUri`), or a `refreshToken` for a rotating
 * token (`grant_type=refresh_token`). Throws SlackOAuthError with Slack's error code.
 */
export async function slackOAuthAccess(input: {
  clientId: string;
  clientSecret: string;
  /** Web API base URL; a local fake in tests. */
  apiUrl?: string | undefined;
  grant: { code: string; redirectUri: string } | { refreshToken: string };
}): Promise<SlackAccessResponse> {
  const client = new WebClient(undefined, {
    ...(input.apiUrl ? { slackApiUrl: input.apiUrl } : {}),
    retryConfig: { retries: 1 },
    timeout: 10_000,
  });
  let raw: unknown;
  try {
    raw = await client.oauth.v2.access({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      ...('code' in input.grant
        ? { code: input.grant.code, redirect_uri: input.grant.redirectUri }
        : { grant_type: 'refresh_token', refresh_token: input.grant.refreshToken }),
    });
  } catch (error) {
    throw new SlackOAuthError((error as { data?: { error?: string } }).data?.error ?? 'unreachable');
  }
  const parsed = slackAccessResponseSchema.safeParse(raw);
  if (!parsed.success) throw new SlackOAuthError('unexpected_response');
  return parsed.data;
}
