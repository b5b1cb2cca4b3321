import { type AnchorHTMLAttributes, useEffect, useState } from 'react';

const base = '/admin';

/** The app path below /admin, e.g. `/knowledge`. */
function currentPath(): string {
  const path = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '/';
  return path === '' ? '/' : path;
}

/** Goes to an app path without reloading. */
export function navigate(to: string): void {
  window.history.pushState(null, '', `${base}${to}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current app path; re-renders on navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
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
