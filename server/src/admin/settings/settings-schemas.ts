import { workspaceSettingsSchema } from '@clara/core';
import { z } from 'zod';

type Shape = typeof workspaceSettingsSchema.shape;

// The stored schema repairs bad values on read (.catch); writes must be rejected instead,
// so each field's own rule is unwrapped from its .default(...).catch(...).
const strict = Object.fromEntries(
  Object.entries(workspaceSettingsSchema.shape)
    .filter(([key]) => key !== 'powered_by_clara') // v1.0: always true, not editable
    .map(([key, field]) => [key, (field.unwrap() as unknown as z.ZodCatch<z.ZodType>).unwrap().optional()]),
) as { [K in Exclude<keyof Shape, 'powered_by_clara'>]: z.ZodOptional<z.ZodType<z.output<Shape[K]>>> };

/** PATCH /api/admin/settings: any subset of the settings (validated strictly), and the workspace name. */
export const settingsPatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  settings: z.strictObject(strict).optional(),
});
