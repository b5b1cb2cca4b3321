import { ClaraError } from '@clara/core';

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

/** The team a request claims to come from, read before verification only to pick which signing secret to try. */
export function claimedTeamId(rawBody: string, contentType: string): string | undefined {
  let value: unknown;
  try {
    value = parseSlackBody(rawBody, contentType);
  } catch {
    return undefined;
  }
  const body = (value ?? {}) as {
    team_id?: unknown;
    team?: { id?: unknown } | null;
    user?: { team_id?: unknown };
  };
  const team = body.team_id ?? body.team?.id ?? body.user?.team_id;
  return typeof team === 'string' && team.length <= 64 ? team : undefined;
}
