/**
 * The one place the browser tests learn what they talk to. By default a fake API in this
 * process; set CLARA_WIDGET_API_BASE (e.g. http://127.0.0.1:3000) and
 * CLARA_WIDGET_WORKSPACE_ID to run the same tests against a real Clara server that serves
 * /widget.js and the public API.
 */
import { fileURLToPath } from 'node:url';
import { type FakeApi, startFakeApi } from './fake-api';
import { startPageServer } from './page-server';

/** What the tests run against. */
export interface Target {
  apiBase: string;
  workspaceId: string;
  /** The host page embedding only the snippet. */
  pageUrl: string;
  /** The in-process fake, or null against a real server (fake-only checks are skipped). */
  fake: FakeApi | null;
  /** Questions whose answers have chips, and one that offers the booking button. */
  prompts: { chips: string; escalate: string };
  close(): Promise<void>;
}

/** Starts (or points at) the API and the host page. */
export async function startTarget(): Promise<Target> {
  const real = process.env.CLARA_WIDGET_API_BASE;
  const fake = real
    ? null
    : await startFakeApi(fileURLToPath(new URL('../../dist/widget.js', import.meta.url)));
  const apiBase = (real ?? fake?.base ?? '').replace(/\/$/, '');
  const workspaceId = real ? (process.env.CLARA_WIDGET_WORKSPACE_ID ?? '') : (fake?.workspaceId ?? '');
  if (!workspaceId) throw new Error('CLARA_WIDGET_WORKSPACE_ID is required with CLARA_WIDGET_API_BASE');
  const page = await startPageServer(apiBase, workspaceId);
  return {
    apiBase,
    workspaceId,
    pageUrl: page.url,
    fake,
    prompts: {
      chips: process.env.CLARA_WIDGET_CHIPS_PROMPT ?? 'What are your opening hours?',
      escalate: process.env.CLARA_WIDGET_ESCALATE_PROMPT ?? 'Can I talk to a human?',
    },
    async close() {
      await page.close();
      await fake?.close();
    },
  };
}
