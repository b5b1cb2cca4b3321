import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../features/auth/session';
import { Link } from '../lib/router';
import { useOpenGapsCount } from './open-gaps-count';
import { focusMain, useEscapeClosesMenu, useFocusOnRouteChange } from './shell-focus';
import './responsive.css';
import './shell-focus.css';
import './layout.css';

const nav: { to: string; label: string; soon?: boolean }[] = [
  { to: '/', label: 'Overview' },
  { to: '/knowledge', label: 'Knowledge' },
  { to: '/gaps', label: 'Gap inbox' },
  { to: '/conversations', label: 'Conversations' },
  { to: '/settings', label: 'Settings' },
  { to: '/install', label: 'Install' },
  { to: '/keys', label: 'API keys' },
  { to: '/channels', label: 'Channels' },
];

/** The signed-in shell: sidebar navigation and the page. */
export function Layout(props: { path: string; children: ReactNode }) {
  const { session, signOut } = useSession();
  const active = (to: string) => (to === '/' ? props.path === '/' : props.path.startsWith(to));
  // On a phone the navigation folds behind a Menu button; it closes again on every page change.
  const [menuOpen, setMenuOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes the menu when the path changes
  useEffect(() => setMenuOpen(false), [props.path]);
  const openGaps = useOpenGapsCount(props.path);
  const main = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  useFocusOnRouteChange(props.path, main);
  useEscapeClosesMenu(
    menuOpen,
    useCallback(() => setMenuOpen(false), []),
    menuButton,
  );
  return (
    <div className="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: a real in-page link; the click only keeps #main-content out of the URL */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          focusMain(main.current, false);
        }}
      >
        Skip to main content
      </a>
      <aside className={menuOpen ? 'sidebar menu-open' : 'sidebar'}>
        <div className="brand">
          <span className="logo">C</span> Clara
          <button
            ref={menuButton}
            type="button"
            className="ghost small menu-button"
            aria-expanded={menuOpen}
            aria-controls="admin-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        </div>
        <div className="workspace-name" title={session?.workspace.name}>
          {session?.workspace.name}
        </div>
        <nav id="admin-nav" aria-label="Admin">
          {nav.map((item) =>
            item.soon ? (
              <span key={item.to} className="nav-item disabled" title="Coming soon">
                {item.label} <small>soon</small>
              </span>
            ) : (
              <Link
                key={item.to}
                to={item.to}
                className={active(item.to) ? 'nav-item active' : 'nav-item'}
                // Read as "Gap inbox, 32 open"; seen as "Gap inbox 32" (the name holds the visible text).
                {...(item.to === '/gaps' && openGaps
                  ? { 'aria-label': `${item.label}, ${openGaps} open` }
                  : {})}
              >
                {item.label}
                {item.to === '/gaps' && openGaps ? (
                  <>
                    {' '}
                    <span className="nav-badge" aria-hidden="true" data-testid="nav-open-gaps">
                      {openGaps}
                    </span>
                  </>
                ) : null}
              </Link>
            ),
          )}
        </nav>
        <div className="sidebar-foot">
          <div className="muted small" title={session?.user.email}>
            {session?.user.email}
          </div>
          <button type="button" className="ghost small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </aside>
      <main className="content" id="main-content" ref={main} tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
