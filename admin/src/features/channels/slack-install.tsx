import { useEffect, useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { startSlackInstall } from './channels-api';

/** What Slack's redirect back to the admin says (`?slack=installed|cancelled`), read once and cleared from the URL. */
export function useSlackInstallResult(): 'installed' | 'cancelled' | null {
  const [result] = useState<'installed' | 'cancelled' | null>(() => {
    const value = new URLSearchParams(window.location.search).get('slack');
    return value === 'installed' || value === 'cancelled' ? value : null;
  });
  useEffect(() => {
    if (!result) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('slack');
    window.history.replaceState(window.history.state, '', url);
  }, [result]);
  return result;
}

/**
 * "Add to Slack": asks the server for Slack's authorize URL (a fresh state bound to this
 * workspace and this browser), then leaves for Slack; Slack brings the owner back here.
 * Without the server's OAuth app (SLACK_CLIENT_ID…) the button is disabled with the reason.
 */
export function AddToSlack(props: { configured: boolean; redirectUrl: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = () => {
    setBusy(true);
    setError(null);
    startSlackInstall().then(
      ({ authorize_url }) => window.location.assign(authorize_url),
      (err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
      },
    );
  };
  return (
    <div className="add-to-slack">
      <button
        type="button"
        className="primary"
        onClick={go}
        disabled={!props.configured || busy}
        aria-describedby="add-to-slack-help"
      >
        {busy ? 'Opening Slack…' : 'Add to Slack'}
      </button>
      <p id="add-to-slack-help" className="muted small">
        {props.configured ? (
          'Slack asks you to allow Clara in your workspace, then brings you back here.'
        ) : (
          <>
            Needs this server’s Slack app: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET,
            with <code>{props.redirectUrl}</code> as its redirect URL.
          </>
        )}
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </div>
  );
}
