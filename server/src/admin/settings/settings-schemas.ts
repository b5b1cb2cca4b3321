import { type SettingsPatch, settingsFields } from '@clara/contract';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

// v1.0: powered_by_clara is always true, not editable.
const { powered_by_clara: _alwaysOn, ...editable } = settingsFields;
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
