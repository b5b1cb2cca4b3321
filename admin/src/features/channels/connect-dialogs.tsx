import { type FormEvent, type ReactNode, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { connectSlack, connectTeams } from './channels-api';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optional = (value: string) => value || undefined;

/** A dialog form that sends its fields once; secret inputs are cleared with the dialog. */
function ConnectForm(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  send: (form: FormData) => Promise<unknown>;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(null);
    props.onClose();
  };
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await props.send(new FormData(form));
      form.reset();
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={props.title} open={props.open} onClose={close}>
      <form className="form" onSubmit={submit} autoComplete="off">
        {props.children}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-actions">
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Connect a Slack app: team id, bot token and signing secret (sealed on the server). */
export function SlackConnectDialog(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  return (
    <ConnectForm
      title="Connect a Slack app"
      {...props}
      send={(f) =>
        connectSlack({
          team_id: text(f, 'team_id'),
          bot_token: text(f, 'bot_token'),
          signing_secret: text(f, 'signing_secret'),
          label: optional(text(f, 'label')),
        })
      }
    >
      <label>
        Slack team ID
        <input name="team_id" placeholder="T0123ABCD" required />
      </label>
      <label>
        Bot token
        <input name="bot_token" type="password" autoComplete="new-password" placeholder="xoxb-…" required />
      </label>
      <label>
        Signing secret
        <input name="signing_secret" type="password" autoComplete="new-password" required />
      </label>
      <label>
        Label (optional)
        <input name="label" placeholder="Acme Slack" />
      </label>
    </ConnectForm>
  );
}

/** Connect a Teams bot: the Azure Bot registration's app id, password, tenant and app type. */
export function TeamsConnectDialog(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  return (
    <ConnectForm
      title="Connect a Teams bot"
      {...props}
      send={(f) =>
        connectTeams({
          app_id: text(f, 'app_id'),
          app_password: optional(text(f, 'app_password')),
          tenant_id: optional(text(f, 'tenant_id')),
          app_type: text(f, 'app_type') as 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI',
          label: optional(text(f, 'label')),
        })
      }
    >
      <label>
        Microsoft App ID
        <input name="app_id" placeholder="00000000-0000-0000-0000-000000000000" required />
      </label>
      <label>
        App type
        <select name="app_type" defaultValue="MultiTenant">
          <option value="MultiTenant">Multi-tenant</option>
          <option value="SingleTenant">Single tenant</option>
          <option value="UserAssignedMSI">User-assigned managed identity</option>
        </select>
      </label>
      <label>
        App password (client secret)
        <input name="app_password" type="password" autoComplete="new-password" />
      </label>
      <label>
        Tenant ID (single tenant and managed identity)
        <input name="tenant_id" />
      </label>
      <label>
        Label (optional)
        <input name="label" />
      </label>
    </ConnectForm>
  );
}
