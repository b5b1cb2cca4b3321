/**
 * Entry of widget.js. Embed with
 * `<script src="https://HOST/widget.js" data-workspace-id="UUID" async></script>`:
 * the API base is the folder the script was loaded from.
 */
import { ApiError, createApi } from './api';
import { createChat } from './chat';
import { sessionStore } from './session';
import type { Visitor } from './types';
import { createView, type View } from './ui/widget-view';

/** The page-facing API on `window.Clara`. */
export interface ClaraApi {
  open(): void;
  close(): void;
  identify(v: Visitor): void;
}

declare global {
  interface Window {
    Clara?: ClaraApi;
  }
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-workspace-id]');
const workspaceId = script?.dataset.workspaceId;

if (script && workspaceId && !window.Clara) {
  const base = new URL('.', script.src).href;
  const api = createApi(base, workspaceId);
  const store = sessionStore(workspaceId);
  let visitor: Visitor = {};
  let view: View | null = null;
  let wantOpen: boolean | null = null;
  let chat: ReturnType<typeof createChat> | null = null;

  const setOpen = (open: boolean, focus: boolean): void => {
    if (!view || !chat) {
      wantOpen = open;
      return;
    }
    if (open) void chat.restore();
    if (open !== view.isOpen()) view.setOpen(open, focus);
    store.set('open', open ? '1' : null);
  };

  window.Clara = {
    open: () => setOpen(true, true),
    close: () => setOpen(false, true),
    identify(v) {
      visitor = {
        ...visitor,
        ...(typeof v?.name === 'string' ? { name: v.name.slice(0, 200) } : {}),
        ...(typeof v?.email === 'string' ? { email: v.email.slice(0, 320) } : {}),
      };
    },
  };

  /** One console line for whoever embeds the widget: the visitor sees nothing. */
  const warnRefused = (e: ApiError): void => {
    const why =
      e.status === 403
        ? `this site (${location.origin}) is not in the workspace's Allowed sites (admin: Settings → Website).`
        : `workspace ${workspaceId} was not found; check data-workspace-id (admin: Install).`;
    console.warn(`Clara widget: ${why} The chat is not shown.`);
  };

  const mount = async (): Promise<void> => {
    let settings: Awaited<ReturnType<typeof api.config>> | undefined;
    for (let i = 0; !settings && i < 3; i++) {
      try {
        settings = await api.config();
      } catch (e) {
        // A refusal is final: tell the site's developer why nothing shows, and stay invisible.
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return warnRefused(e);
        // Server down or unreachable: try twice more, then stay invisible.
        await new Promise((r) => setTimeout(r, 2000 * (i + 1)));
      }
    }
    if (!settings) return;
    const host = document.createElement('clara-widget');
    view = createView(host, settings, (text) => void chat?.send(text));
    chat = createChat(api, view, settings, store, () => visitor);
    const toggle = view.setOpen.bind(view);
    view.setOpen = (open, focus) => {
      toggle(open, focus);
      store.set('open', open ? '1' : null);
      if (open) void chat?.restore();
    };
    document.body.append(host);
    if (wantOpen ?? store.get('open') === '1') setOpen(true, wantOpen === true);
  };

  if (document.body) void mount();
  else document.addEventListener('DOMContentLoaded', () => void mount());
}
