import type { ReactNode } from 'react';
import './empty-state.css';

/** What to show when a list is empty: what it is for, and the next step. */
export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      {/* The page's second level: a page title (h1) is followed by an h2, never an h3. */}
      <h2 className="empty-title">{props.title}</h2>
      {props.children ? <p>{props.children}</p> : null}
      {props.action}
    </div>
  );
}
