import { type ReactNode, useEffect, useState } from 'react';
import { useSession } from '../features/auth/session';
import { Link } from '../lib/router';
import './responsive.css';

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
  return (
    <div className="shell">
      <aside className={menuOpen ? 'sidebar menu-open' : 'sidebar'}>
        <div className="brand">
          <span className="logo">C</span> Clara
          <button
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
              <Link key={item.to} to={item.to} className={active(item.to) ? 'nav-item active' : 'nav-item'}>
                {item.label}
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
      <main className="content">{props.children}</main>
    </div>
  );
}
