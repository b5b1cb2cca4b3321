import { z } from 'zod';
import { slackCredentialsSchema } from '../../channels/slack-connections';
import { teamsCredentialsSchema } from '../../channels/teams-bots';

const label = z.string().trim().max(100, 'label is over 100 characters').optional();

/** POST /api/admin/channels/slack: a Slack app (its team) and its credentials. */
export const connectSlackSchema = z.object({
  team_id: z
    .string()
    .trim()
    .regex(/^[TE][A-Z0-9]{2,30}$/, 'team_id must be a Slack team id like T0123ABCD'),
  bot_token: z.string().trim().pipe(slackCredentialsSchema.shape.bot_token),
  signing_secret: z
    .string()
    .trim()
    .min(8, 'signing_secret looks too short')
    .max(200, 'signing_secret is over 200 characters'),
  label,
});

/** POST /api/admin/channels/teams: an Azure Bot registration (the Bot Framework's own fields). */
export const connectTeamsSchema = z
  .object({
    app_id: z.guid('app_id must be the bot’s Microsoft App ID (a GUID)'),
    app_password: teamsCredentialsSchema.shape.app_password,
    tenant_id: teamsCredentialsSchema.shape.tenant_id,
    app_type: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    label,
  })
  .superRefine((v, ctx) => {
    if (v.app_type !== 'UserAssignedMSI' && !v.app_password)
      ctx.addIssue({
        code: 'custom',
        path: ['app_password'],
        message: `app_password is required for ${v.app_type}`,
      });
    if (v.app_type !== 'MultiTenant' && !v.tenant_id)
      ctx.addIssue({
        code: 'custom',
        path: ['tenant_id'],
        message: `tenant_id is required for ${v.app_type}`,
      });
  });
