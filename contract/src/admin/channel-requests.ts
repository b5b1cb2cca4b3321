import { z } from 'zod/mini';

// The bodies that connect a Slack app or a Teams bot (`POST /api/admin/channels/…`): the server
// validates with these, the admin sends their input types. Secrets in them are never echoed.

const label = z.optional(
  z.string('label must be text').check(z.trim(), z.maxLength(100, 'label is over 100 characters')),
);

/** A Slack bot token (`xoxb-…`, or a user token `xoxp-…`). */
export const slackBotTokenPattern = /^xox[bp]-[A-Za-z0-9-]+$/;

/** `POST /api/admin/channels/slack`: a Slack app (its team) and its credentials. */
export const connectSlackSchema = z.object({
  team_id: z
    .string('team_id must be text')
    .check(z.trim(), z.regex(/^[TE][A-Z0-9]{2,30}$/, 'team_id must be a Slack team id like T0123ABCD')),
  bot_token: z
    .string('bot_token must be text')
    .check(z.trim(), z.regex(slackBotTokenPattern, 'bot_token must be a Slack bot token (xoxb-…)')),
  signing_secret: z
    .string('signing_secret must be text')
    .check(
      z.trim(),
      z.minLength(8, 'signing_secret looks too short'),
      z.maxLength(200, 'signing_secret is over 200 characters'),
    ),
  label,
});

/** How a bot registration authenticates to Microsoft Entra (the Bot Framework's `MicrosoftAppType`). */
export const teamsAppTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** `POST /api/admin/channels/teams`: an Azure Bot registration (the Bot Framework's own fields). */
export const connectTeamsSchema = z
  .object({
    app_id: z.guid('app_id must be the bot’s Microsoft App ID (a GUID)'),
    app_password: z.optional(
      z
        .string('app_password must be text')
        .check(
          z.minLength(1, 'app_password is empty'),
          z.maxLength(500, 'app_password is over 500 characters'),
        ),
    ),
    tenant_id: z.optional(
      z
        .string('tenant_id must be text')
        .check(z.minLength(1, 'tenant_id is empty'), z.maxLength(100, 'tenant_id is over 100 characters')),
    ),
    app_type: z._default(
      z.enum(teamsAppTypes, 'app_type must be MultiTenant, SingleTenant or UserAssignedMSI'),
      'MultiTenant',
    ),
    label,
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.app_type !== 'UserAssignedMSI' && !v.app_password)
        ctx.addIssue({
          code: 'custom',
          path: ['app_password'],
          message: `app_password is required for ${v.app_type}`,
          input: v.app_password,
        });
      if (v.app_type !== 'MultiTenant' && !v.tenant_id)
        ctx.addIssue({
          code: 'custom',
          path: ['tenant_id'],
          message: `tenant_id is required for ${v.app_type}`,
          input: v.tenant_id,
        });
    }),
  );

export type ConnectSlackRequest = z.input<typeof connectSlackSchema>;
export type ConnectTeamsRequest = z.input<typeof connectTeamsSchema>;
