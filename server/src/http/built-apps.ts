import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The admin app and the widget are built by their own workspaces (admin/dist, widget/dist). The
// server does not depend on those packages (their browser tests start the server: a cycle), so it
// finds them at run time the way Node finds any package: in the workspace (and the deploy image)
// every workspace is linked in the root node_modules by `npm ci`.

/** What to run when a built app is missing (`npm start` and `npm run build` build both). */
export const buildHint = {
  admin: 'The admin app is not built yet: run `npm run build -w @clara/admin` (npm start does it).',
  widget: 'The widget is not built yet: run `npm run build -w @clara/widget` (npm start does it).',
} as const;

/** A file the widget's build writes (`widget/dist/NAME`), or null when it is absent or not built. */
export function widgetDistFile(name: 'widget.js' | 'markdown.js'): string | null {
  const dir = packageDir('@clara/widget');
  const file = dir ? join(dir, 'dist', name) : null;
  return file && existsSync(file) ? file : null;
}

function packageDir(name: '@clara/admin' | '@clara/widget'): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** The built admin SPA's folder (`admin/dist`), or null when the @clara/admin workspace is absent. */
export function adminDistDir(): string | null {
  const dir = packageDir('@clara/admin');
  return dir ? join(dir, 'dist') : null;
}

/** The built widget script (`widget/dist/widget.js`), or null when it is absent or not built. */
export function widgetScriptFile(): string | null {
  return widgetDistFile('widget.js');
}
