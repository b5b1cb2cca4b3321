import {
  type Settings,
  type SettingsPatch,
  type SettingsResponse,
  settingsFormSchema,
} from '@clara/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { Notice, PageHeader } from '../../components/page-header';
import { api, errorMessage } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { SettingsFields } from './settings-fields';
import { WidgetPreview } from './widget-preview';

/** Content, style (with a live preview), AI personality and threshold, escalation. */
export function SettingsPage() {
  const loaded = useLoad(() => api<SettingsResponse>('GET', '/admin/settings'), 'settings');
  const [draft, setDraft] = useState<Settings | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setDraft(loaded.data.settings);
      setName(loaded.data.workspace.name);
    }
  }, [loaded.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const parsed = settingsFormSchema.safeParse({ ...draft, booking_url: draft.booking_url || null });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setStatus({ kind: 'error', text: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    setBusy(true);
    try {
      const res = await api<SettingsResponse>('PATCH', '/admin/settings', {
        name,
        settings: parsed.data,
      } satisfies SettingsPatch);
      setDraft(res.settings);
      setStatus({ kind: 'success', text: 'Settings saved. The widget uses them from the next page load.' });
    } catch (err) {
      setStatus({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="Settings" description="What visitors see, and how Clara behaves." />
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      {draft ? (
        <form className="settings-grid" onSubmit={save}>
          <div className="settings-form">
            <SettingsFields
              s={draft}
              name={name}
              onName={setName}
              onChange={(patch) => {
                setStatus(null);
                setDraft({ ...draft, ...patch });
              }}
            />
            {status ? <Notice kind={status.kind}>{status.text}</Notice> : null}
            <div className="form-actions sticky">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save settings'}
              </button>
            </div>
          </div>
          <aside className="settings-preview" aria-label="Widget preview">
            <h2>Preview</h2>
            <WidgetPreview s={draft} />
          </aside>
        </form>
      ) : null}
    </>
  );
}
