import { useState } from 'react';
import { Notice, PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { rowLabel } from '../../lib/row-label';
import { useLoad } from '../../lib/use-load';
import {
  type Connection,
  deleteConnection,
  dismissMove,
  getChannels,
  setConnectionActive,
} from './channels-api';
import './channels.css';
import { CopyButton } from '../../components/copy-button';
import { SlackConnectDialog, TeamsConnectDialog } from './connect-dialogs';
import { MovedAway } from './moved-away';
import { AddToSlack, useSlackInstallResult } from './slack-install';
import { TeamsPackage } from './teams-package';

function ConnectionTable(props: {
  rows: Connection[];
  idLabel: string;
  onAction: (work: () => Promise<unknown>, done: string) => void;
}) {
  if (props.rows.length === 0) return <p className="muted">Nothing connected here yet.</p>;
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{props.idLabel}</th>
          <th>Label</th>
          <th>State</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.rows.map((c) => (
          <tr key={c.id} className={c.is_active ? '' : 'inactive'}>
            <td>
              <code>{c.external_id}</code>
            </td>
            <td>{c.label ?? '—'}</td>
            <td>
              {c.is_active ? (
                <span className="badge ok">Active</span>
              ) : (
                <span className="badge off">Inactive</span>
              )}
            </td>
            <td className="row-actions">
              <button
                type="button"
                className="ghost small"
                aria-label={rowLabel(c.is_active ? 'Deactivate' : 'Activate', c.label ?? c.external_id)}
                onClick={() =>
                  props.onAction(
                    () => setConnectionActive(c.id, !c.is_active),
                    c.is_active ? 'Deactivated.' : 'Activated.',
                  )
                }
              >
                {c.is_active ? 'Deactivate' : 'Activate'}
              </button>
              <button
                type="button"
                className="ghost small"
                aria-label={rowLabel('Delete', c.label ?? c.external_id)}
                onClick={() => {
                  if (window.confirm(`Disconnect ${c.external_id}? Its credentials are deleted.`))
                    props.onAction(() => deleteConnection(c.id), 'Disconnected.');
                }}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EnvStatus(props: { configured: boolean; thisWorkspace: boolean; what: string; vars: string }) {
  if (!props.configured) return null;
  return (
    <p className="muted small" data-testid="env-status">
      {props.thisWorkspace
        ? `A ${props.what} configured by environment variables (${props.vars}) answers from this workspace.`
        : `A ${props.what} is configured by environment variables (${props.vars}) for another workspace.`}
    </p>
  );
}

/** Chat channels: Slack apps and Teams bots connected to the workspace, with setup instructions. */
export function ChannelsPage() {
  const { data, error, reload, setData } = useLoad(getChannels, 'channels');
  const [dialog, setDialog] = useState<'slack' | 'teams' | null>(null);
  const slackInstall = useSlackInstallResult();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(() =>
    slackInstall === 'installed'
      ? { kind: 'success', text: 'Clara was added to Slack: your Slack workspace is connected below.' }
      : slackInstall === 'cancelled'
        ? { kind: 'info', text: 'The Slack install was cancelled: nothing was connected.' }
        : null,
  );
  const act = (work: () => Promise<unknown>, done: string) => {
    work().then(
      () => {
        setNotice({ kind: 'success', text: done });
        reload();
      },
      (err: unknown) => setNotice({ kind: 'error', text: errorMessage(err) }),
    );
  };
  const saved = (text: string) => () => {
    setDialog(null);
    setNotice({ kind: 'success', text });
    reload();
  };
  const dismiss = (id: string) =>
    dismissMove(id).then(
      () => {
        if (data) setData({ ...data, moved_away: data.moved_away.filter((m) => m.id !== id) });
        reload();
      },
      (err: unknown) => setNotice({ kind: 'error', text: errorMessage(err) }),
    );
  const rows = (channel: Connection['channel']) =>
    (data?.connections ?? []).filter((c) => c.channel === channel);

  return (
    <>
      <PageHeader
        title="Channels"
        description="Answer from the same knowledge base in Slack and Microsoft Teams."
      />
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data ? <MovedAway moves={data.moved_away} onDismiss={dismiss} /> : null}
      {data && !data.https ? (
        <Notice kind="warning">
          This server is reached at {data.origin}. Slack and Teams need a public https URL: set
          CLARA_PUBLIC_URL.
        </Notice>
      ) : null}
      {data ? (
        <>
          <section className="card channel-card">
            <div className="card-head">
              <h2>Slack</h2>
              <button type="button" className="primary small" onClick={() => setDialog('slack')}>
                Connect a Slack app
              </button>
            </div>
            <AddToSlack
              configured={data.slack.oauth.configured}
              redirectUrl={data.slack.oauth.redirect_url}
            />
            <p className="muted">Or connect a Slack app of your own:</p>
            <ol className="muted">
              <li>In Slack, create an app “From an app manifest” and paste the manifest below.</li>
              <li>Install it to your Slack workspace.</li>
              <li>Connect it here with its team ID, bot token (xoxb-…) and signing secret.</li>
            </ol>
            <div className="card-head">
              <strong>App manifest (YAML)</strong>
              <CopyButton text={data.slack.manifest} label="Copy manifest" />
            </div>
            <pre
              className="manifest"
              data-testid="slack-manifest"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
              tabIndex={0}
            >
              {data.slack.manifest}
            </pre>
            <EnvStatus
              configured={data.slack.env_app.configured}
              thisWorkspace={data.slack.env_app.this_workspace}
              what="Slack app"
              vars="SLACK_*"
            />
            <ConnectionTable rows={rows('slack')} idLabel="Team ID" onAction={act} />
          </section>
          <section className="card channel-card">
            <div className="card-head">
              <h2>Microsoft Teams</h2>
              <button type="button" className="primary small" onClick={() => setDialog('teams')}>
                Connect a Teams bot
              </button>
            </div>
            <p className="muted">
              Set this as the messaging endpoint of your Azure Bot, then connect the bot here.
            </p>
            <div className="endpoint">
              <code data-testid="teams-endpoint">{data.teams.messaging_endpoint}</code>
              <CopyButton text={data.teams.messaging_endpoint} />
            </div>
            <EnvStatus
              configured={data.teams.env_bot.configured}
              thisWorkspace={data.teams.env_bot.this_workspace}
              what="Teams bot"
              vars="MICROSOFT_APP_*"
            />
            {data.teams.env_bot.emulator ? (
              <Notice kind="warning">
                TEAMS_WORKSPACE_ID points here without MICROSOFT_APP_ID: /teams/messages accepts
                unauthenticated Bot Framework Emulator requests.
              </Notice>
            ) : null}
            <ConnectionTable rows={rows('teams')} idLabel="App ID" onAction={act} />
            <TeamsPackage
              hasBot={rows('teams').some((c) => c.is_active) || data.teams.env_bot.this_workspace}
              https={data.https}
            />
          </section>
        </>
      ) : null}
      <SlackConnectDialog
        open={dialog === 'slack'}
        onClose={() => setDialog(null)}
        onSaved={saved('Slack app connected.')}
      />
      <TeamsConnectDialog
        open={dialog === 'teams'}
        onClose={() => setDialog(null)}
        onSaved={saved('Teams bot connected.')}
      />
    </>
  );
}
