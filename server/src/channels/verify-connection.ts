import { type TeamsBot, verifyTeamsBot } from '@clara/channel-teams';
import { ClaraError } from '@clara/core';
import type { Config } from '../config/load-config';

/** What verifyTeamsBot's TeamsTokenError carries (read by shape: the kind, status and OAuth code). */
interface TokenFailure {
  kind?: unknown;
  status?: unknown;
  code?: unknown;
}

/** The owner's message for a token endpoint that issued no token, by cause. */
export function teamsTokenMessage(error: unknown, host = 'login.microsoftonline.com'): ClaraError {
  const e = (error && typeof error === 'object' ? error : {}) as TokenFailure;
  const status = typeof e.status === 'number' ? e.status : null;
  const code = typeof e.code === 'string' ? e.code : null;
  const detail = [status ? `HTTP ${status}` : null, code].filter(Boolean).join(', ');
  switch (e.kind) {
    case 'unreachable':
      return new ClaraError(
        'unavailable',
        `Clara could not reach Microsoft's login endpoint${code ? ` (${code})` : ''}: check this server's outbound access (network, DNS, proxy).`,
        // An expected network failure: logged as a one-line warning naming the host (error-handler).
        { details: { unreachable: { host, cause: code ?? 'no_connection' } } },
      );
    case 'timeout':
      return new ClaraError(
        'unavailable',
        "Microsoft's login endpoint did not answer in time: check this server's outbound access and try again.",
        { details: { unreachable: { host, cause: 'timeout' } } },
      );
    case 'refused':
      return new ClaraError(
        'validation_failed',
        `Microsoft refused these credentials for this app id${detail ? ` (${detail})` : ''}: check the app id, password, tenant and app type.`,
      );
    default:
      return new ClaraError(
        'unavailable',
        `Microsoft's login endpoint did not issue a Bot Framework token${detail ? ` (${detail})` : ''}; try again shortly.`,
      );
  }
}

/** Proves a Teams bot's credentials: the configured login endpoint must issue a token for its app id. */
export async function verifyTeamsOwnership(bot: TeamsBot, teams: Config['teams']): Promise<void> {
  try {
    await verifyTeamsBot(bot, teams.endpoints);
  } catch (error) {
    const login = teams.endpoints.loginUrl ?? 'https://login.microsoftonline.com/botframework.com';
    throw teamsTokenMessage(error, new URL(login).host);
  }
}
