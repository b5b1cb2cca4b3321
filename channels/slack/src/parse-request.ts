import { ClaraError } from '@clara/core';
import type { SlackInstallationClaim } from './ports';

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ClaraError('invalid_json', 'The Slack payload is not valid JSON.', { cause: error });
  }
}

/**
 * Turns a verified raw body into a JSON value: Events API requests are JSON, interactive
 * requests are `application/x-www-form-urlencoded` with the JSON in a `payload` field.
 */
export function parseSlackBody(rawBody: string, contentType: string): unknown {
  if (contentType.includes('application/json')) return jsonOf(rawBody);
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(rawBody).get('payload');
    if (payload === null) throw new ClaraError('bad_request', 'The form body has no payload field.');
    return jsonOf(payload);
  }
  throw new ClaraError(
    'unsupported_media_type',
    'Slack sends application/json or application/x-www-form-urlencoded.',
  );
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined;

/**
 * The installation a request claims, read before verification only to pick which signing
 * secrets to try, in the order Bolt authorises: `authorizations[0].team_id` (the team that
 * installed the app: in Slack Connect the envelope's `team_id` is the sender's team), then
 * `context_team_id`, the envelope's `team_id`, an interaction's `team.id` / `user.team_id`,
 * `view.app_installed_team_id`; the org from `authorizations[0].enterprise_id`, `enterprise_id`,
 * `enterprise.id` or `team.enterprise_id` (org-wide installs).
 */
export function claimedInstallation(rawBody: string, contentType: string): SlackInstallationClaim {
  let value: unknown;
  try {
    value = parseSlackBody(rawBody, contentType);
  } catch {
    return { teamIds: [], enterpriseId: undefined };
  }
  const body = (value ?? {}) as {
    authorizations?: { team_id?: unknown; enterprise_id?: unknown }[];
    context_team_id?: unknown;
    team_id?: unknown;
    enterprise_id?: unknown;
    team?: { id?: unknown; enterprise_id?: unknown } | null;
    user?: { team_id?: unknown };
    enterprise?: { id?: unknown } | null;
    view?: { app_installed_team_id?: unknown };
  };
  const auth = Array.isArray(body.authorizations) ? body.authorizations[0] : undefined;
  const teamIds = [
    auth?.team_id,
    body.context_team_id,
    body.team_id,
    body.team?.id,
    body.user?.team_id,
    body.view?.app_installed_team_id,
  ]
    .map(idOf)
    .filter((id): id is string => id !== undefined);
  const enterpriseId = [
    auth?.enterprise_id,
    body.enterprise_id,
    body.enterprise?.id,
    body.team?.enterprise_id,
  ]
    .map(idOf)
    .find((id) => id !== undefined);
  return { teamIds: [...new Set(teamIds)].slice(0, 4), enterpriseId };
}
