import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { connectSlackSchema, connectTeamsSchema } from './channel-requests';
import { dismissGapGroupSchema, listGapsQuerySchema } from './gap-requests';

const appId = '00000000-0000-4000-8000-000000000000';
const messages = (r: { error?: z.core.$ZodError }) => r.error?.issues.map((i) => i.message) ?? [];

describe('channel and gap request schemas', () => {
  it('a Teams bot needs the password or tenant its app type needs', () => {
    expect(z.safeParse(connectTeamsSchema, { app_id: appId, app_password: 'pw' }).data).toMatchObject({
      app_type: 'MultiTenant',
    });
    expect(messages(z.safeParse(connectTeamsSchema, { app_id: appId }))).toEqual([
      'app_password is required for MultiTenant',
    ]);
    const single = z.safeParse(connectTeamsSchema, {
      app_id: appId,
      app_password: 'pw',
      app_type: 'SingleTenant',
    });
    expect(messages(single)).toEqual(['tenant_id is required for SingleTenant']);
    expect(
      z.safeParse(connectTeamsSchema, { app_id: appId, app_type: 'UserAssignedMSI', tenant_id: 't' }).success,
    ).toBe(true);
  });

  it('a Slack app is a team id, a bot token and a signing secret (trimmed)', () => {
    const ok = z.safeParse(connectSlackSchema, {
      team_id: ' T0123ABCD ',
      bot_token: 'xoxb-1-2-abc',
      signing_secret: '12345678',
    });
    expect(ok.data).toEqual({ team_id: 'T0123ABCD', bot_token: 'xoxb-1-2-abc', signing_secret: '12345678' });
    const bad = z.safeParse(connectSlackSchema, { team_id: 'x', bot_token: 'sk-1', signing_secret: 'short' });
    expect(messages(bad)).toEqual([
      'team_id must be a Slack team id like T0123ABCD',
      'bot_token must be a Slack bot token (xoxb-…)',
      'signing_secret looks too short',
    ]);
  });

  it('gap queries default and coerce; a group action names 1 to 200 gaps', () => {
    expect(z.parse(listGapsQuerySchema, {})).toEqual({ status: 'open', limit: 100 });
    expect(z.parse(listGapsQuerySchema, { status: 'resolved', limit: '5' })).toEqual({
      status: 'resolved',
      limit: 5,
    });
    expect(messages(z.safeParse(listGapsQuerySchema, { limit: '0' }))).toEqual(['limit is at least 1']);
    expect(messages(z.safeParse(dismissGapGroupSchema, { gap_ids: [] }))).toEqual(['gap_ids is empty']);
  });
});
