import { slackSignature } from '../verify-signature';

/** A request as Slack would send it: body, content type and signature headers. */
export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

let eventSeq = 0;

/** Signs a body the way Slack does (`timestamp` in Unix seconds, default now). */
export function signSlackRequest(
  secret: string,
  body: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): SignedSlackRequest {
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
  };
}

/** An Events API envelope around `event`, with a fresh `event_id` unless one is given. */
export function eventEnvelope(
  teamId: string,
  event: Record<string, unknown>,
  eventId?: string,
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0CLARA',
    event,
    type: 'event_callback',
    event_id: eventId ?? `Ev${Date.now().toString(36)}${(++eventSeq).toString(36)}`.toUpperCase(),
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** A `block_actions` payload for a click on one of Clara's buttons, form-encoded as Slack sends it. */
export function blockActionsBody(input: {
  teamId: string;
  userId: string;
  channelId: string;
  message: { ts: string; thread_ts?: string | undefined };
  actionId: string;
  value?: string;
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: input.teamId, domain: 'fake' },
    user: { id: input.userId, team_id: input.teamId },
    api_app_id: 'A0CLARA',
    token: 'legacy-verification-token',
    trigger_id: `trig.${Date.now()}.${++eventSeq}`,
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channelId,
      is_ephemeral: false,
    },
    channel: { id: input.channelId, name: 'general' },
    message: { type: 'message', ts: input.message.ts, thread_ts: input.message.thread_ts, text: 'answer' },
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'clara_actions',
        value: input.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
