import type { ImportPreview } from './knowledge-api';

/**
 * The import preview's count sentence, singular where it should be: "1 of 1 row is ready to
 * import.", "2 of 3 rows are ready to import (1 of them inactive).", "1 of 2 rows is ready to
 * import (inactive)."
 */
export function readyText(preview: Pick<ImportPreview, 'valid' | 'total' | 'inactive'>): string {
  const { valid, total, inactive } = preview;
  const rows = total === 1 ? 'row' : 'rows';
  const verb = valid === 1 || total === 1 ? 'is' : 'are';
  const inactiveText = inactive === 0 ? '' : valid === 1 ? ' (inactive)' : ` (${inactive} of them inactive)`;
  return `${valid} of ${total} ${rows} ${verb} ready to import${inactiveText}.`;
}

/** Which separator the columns were read with, when it is not the usual comma. */
export function separatorText(preview: Pick<ImportPreview, 'separator'>): string | null {
  if (preview.separator === 'semicolons')
    return 'Columns read as separated by semicolons (;), as Excel saves CSV in many languages.';
  if (preview.separator === 'tabs') return 'Columns read as separated by tabs.';
  return null;
}
