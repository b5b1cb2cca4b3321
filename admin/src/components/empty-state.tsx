import type { ReactNode } from 'react';

/** What to show when a list is empty: what it is for, and the next step. */
export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{props.title}</h3>
      {props.children ? <p>{props.children}</p> : null}
      {props.action}
    </div>
  );
}
