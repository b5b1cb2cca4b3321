import type { ReactNode } from 'react';
import './page-header.css';

/** A page title with a one-line description and actions on the right. */
export function PageHeader(props: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 tabIndex={-1}>{props.title}</h1>
        {props.description ? <p className="muted">{props.description}</p> : null}
      </div>
      {props.actions ? <div className="actions">{props.actions}</div> : null}
    </div>
  );
}

/** An inline error or notice line. */
export function Notice(props: { kind?: 'error' | 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice ${props.kind ?? 'info'}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
