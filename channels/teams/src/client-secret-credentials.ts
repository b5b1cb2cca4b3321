import connector, { type AuthenticatorResult } from 'botframework-connector';
import { z } from 'zod';
import { classifyTokenFailure, TeamsTokenError } from './token-failure';

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive().default(3600),
});

/**
 * Bot credentials for a login URL outside Microsoft's public and government clouds (a
 * private cloud, or a local fake in tests): one OAuth 2.0 client-credentials request to
 * `{loginUrl}/oauth2/v2.0/token`. Microsoft's own login URLs go through botbuilder's MSAL
 * credentials instead; MSAL accepts only https authorities it can discover.
 */
export class ClientSecretCredentials extends connector.AppCredentials {
  readonly #password: string;
  readonly #tokenUrl: string;

  constructor(appId: string, password: string, loginUrl: string, scope: string | undefined) {
    super(appId, undefined, scope);
    this.#password = password;
    this.#tokenUrl = `${loginUrl.replace(/\/+$/, '')}/oauth2/v2.0/token`;
  }

  protected override async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const response = await fetch(this.#tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.appId,
        client_secret: this.#password,
        scope,
      }),
      signal: AbortSignal.timeout(10_000),
    }).catch((error: unknown) => {
      // No connection (fetch's TypeError with the socket error as cause) or no answer in time.
      throw classifyTokenFailure(error);
    });
    // The status and the OAuth error code only: a token endpoint's error body may echo the request.
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      const code =
        typeof body?.error === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(body.error) ? body.error : null;
      throw new TeamsTokenError(response.status < 500 ? 'refused' : 'failed', {
        status: response.status,
        code,
      });
    }
    const token = tokenResponseSchema.parse(await response.json());
    return { accessToken: token.access_token, expiresOn: new Date(Date.now() + token.expires_in * 1000) };
  }
}
