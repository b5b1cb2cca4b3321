import type { ReactNode } from 'react';
import { useSession } from '../features/auth/session';
import { Link } from '../lib/router';

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
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="logo">C</span> Clara
        </div>
        <div className="workspace-name" title={session?.workspace.name}>
          {session?.workspace.name}
        </div>
        <nav>
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
