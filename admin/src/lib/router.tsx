import { type AnchorHTMLAttributes, useEffect, useRef, useState } from 'react';

const base = '/admin';

/** The app path below /admin, e.g. `/knowledge`. */
function currentPath(): string {
  const path = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '/';
  return path === '' ? '/' : path;
}

/** While a page would lose something by leaving: asked instead of leaving, with `leave` to go on. */
let leaveGuard: { path: string; hold: (leave: () => void) => void } | null = null;
/** Set while `navigate` announces its own change (not the browser's Back or Forward). */
let ownChange = false;

function go(to: string): void {
  window.history.pushState(null, '', `${base}${to}`);
  ownChange = true;
  try {
    window.dispatchEvent(new PopStateEvent('popstate'));
  } finally {
    ownChange = false;
  }
}

/**
 * Goes to an app path without reloading; while a page guards its unsaved changes
 * (`useLeaveGuard`), it asks first and goes only when told to.
 */
export function navigate(to: string): void {
  const guard = leaveGuard;
  if (guard && to !== currentPath()) guard.hold(() => go(to));
  else go(to);
}

/** Each browser Back or Forward, asked once while guarded: true when it is held (the URL put back). */
const heldMoves = new WeakMap<Event, boolean>();
function heldBack(event: Event): boolean {
  const guard = leaveGuard;
  if (ownChange || !guard) return false;
  const seen = heldMoves.get(event);
  if (seen !== undefined) return seen;
  const target = currentPath();
  const held = target !== guard.path;
  if (held) {
    window.history.pushState(null, '', `${base}${guard.path}`);
    guard.hold(() => go(target));
  }
  heldMoves.set(event, held);
  return held;
}

/** The current app path; re-renders on navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = (event: Event) => {
      if (!heldBack(event)) setPath(currentPath());
    };
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

/**
 * While `active` (a page has unsaved changes): an in-app move to another page (a link,
 * `navigate`, the browser's Back or Forward) calls `hold` instead, with `leave` to go on if the
 * user chooses to; reloading or closing the tab gets the browser's own "Leave site?" prompt.
 */
export function useLeaveGuard(active: boolean, hold: (leave: () => void) => void): void {
  const latest = useRef(hold);
  latest.current = hold;
  useEffect(() => {
    if (!active) return;
    const guard = { path: currentPath(), hold: (leave: () => void) => latest.current(leave) };
    leaveGuard = guard;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      if (leaveGuard === guard) leaveGuard = null;
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [active]);
}

/** An in-app link (plain clicks navigate client-side; modified clicks open normally). */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...rest}
      href={`${base}${to}`}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
