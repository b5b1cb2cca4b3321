import { useState } from 'react';
import { Notice, PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import './install.css';

/** The widget snippet for the owner's site, with a copy button. */
export function InstallPage() {
  const { data, error } = useLoad(
    () => api<{ workspace: { id: string; name: string }; widget_origin: string }>('GET', '/admin/workspace'),
    'workspace',
  );
  const [copied, setCopied] = useState(false);
  const snippet = data
    ? `<script src="${data.widget_origin}/widget.js" data-workspace-id="${data.workspace.id}" async></script>`
    : '';
  return (
    <>
      <PageHeader title="Install" description="Add Clara to your website." />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data ? (
        <section className="card">
          <h2>1. Paste this before &lt;/body&gt; on every page</h2>
          <div className="snippet">
            <code data-testid="snippet">{snippet}</code>
            <button
              type="button"
              className="primary small"
              onClick={() => {
                void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
                setTimeout(() => setCopied(false), 2000);
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <h2>2. Open your site</h2>
          <p className="muted">
            The chat bubble appears in the corner. Ask it a question from your knowledge base, then one it
            cannot answer: that one shows up in the gap inbox.
          </p>
          <p>
            Not on your site yet?{' '}
            <a
              href={`${data.widget_origin}/demo?workspace=${encodeURIComponent(data.workspace.id)}`}
              target="_blank"
              rel="noreferrer"
            >
              Try it now
            </a>{' '}
            <span className="muted">
              on a test page with the widget. It works even if you set Allowed sites: Clara's own test page is
              always allowed.
            </span>
          </p>
          <p className="muted small">Workspace ID: {data.workspace.id}</p>
        </section>
      ) : null}
    </>
  );
}
