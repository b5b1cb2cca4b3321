import { wildcardOverPublicSuffix } from '@clara/channel-web';
import { publicSuffixWildcardMessage, type SettingsPatch, settingsFields } from '@clara/contract';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

// v1.0: powered_by_clara is always true, not editable.
const { powered_by_clara: _alwaysOn, ...contractFields } = settingsFields;

/**
 * Allowed sites as the contract takes them, and no wildcard over a public suffix
 * (`https://*.github.io`, `https://*.co.uk`): checked here only, since the Public Suffix List
 * (`tldts`, in `@clara/channel-web`) would weigh on the admin's bundle; the form sees this 400.
 */
const allowedOrigins = contractFields.allowed_origins.check(
  z.superRefine((entries, ctx) => {
    entries.forEach((entry, index) => {
      const suffix = wildcardOverPublicSuffix(entry);
      if (suffix) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          input: entry,
          message: publicSuffixWildcardMessage(suffix),
        });
      }
    });
  }),
);
const editable = { ...contractFields, allowed_origins: allowedOrigins };
type Editable = typeof editable;

// Writes are checked against the contract's rules as they are (the stored schema in core repairs
// bad values on read instead); every field optional, unknown fields refused.
const optionalFields = Object.fromEntries(
  Object.entries(editable).map(([key, rule]) => [key, z.optional(rule)]),
) as { [K in keyof Editable]: z.ZodOptional<Editable[K]> };

/**
 * PATCH /api/admin/settings: any subset of the settings (the contract's rules), and the workspace
 * name. Unknown fields are refused at both levels: a setting sent beside `settings` instead of
 * inside it would otherwise be dropped while the request succeeds.
 */
export const settingsPatchSchema = acceptsContract<SettingsPatch>()(
  z.strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'Give the workspace a name.')
      .max(100, 'The workspace name is over 100 characters.')
      .optional(),
    settings: z.strictObject(optionalFields).optional(),
  }),
);
