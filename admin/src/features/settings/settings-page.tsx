import {
  type FieldProblem,
  type Settings,
  type SettingsPatch,
  type SettingsResponse,
  settingsFormSchema,
  settingsLabels,
  settingsProblems,
} from '@clara/contract';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Notice, PageHeader } from '../../components/page-header';
import { ApiError, api, errorMessage } from '../../lib/api';
import { useLeaveGuard } from '../../lib/router';
import { useLoad } from '../../lib/use-load';
import type { Problems } from './field-problem';
import { LeaveUnsaved } from './leave-unsaved';
import { OwnerInvite } from './owner-invite';
import { SettingsFields } from './settings-fields';
import { WidgetPreview } from './widget-preview';
import './settings-page.css';

/** The per-field problems of a refused save (`error.details`), if the server listed them. */
function detailsOf(error: unknown): FieldProblem[] | null {
  if (!(error instanceof ApiError)) return null;
  const details = (error.body?.error as { details?: unknown } | undefined)?.details;
  return Array.isArray(details) ? (details as FieldProblem[]) : null;
}

/** "Bot name, Primary colour": the fields as the page labels them. */
function fieldList(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (settingsLabels as Record<string, string>)[p.field] ?? p.field).join(', ');
}

/** Content, style (with a live preview), AI personality and threshold, escalation. */
export function SettingsPage() {
  const loaded = useLoad(() => api<SettingsResponse>('GET', '/admin/settings'), 'settings');
  const [draft, setDraft] = useState<Settings | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // What the server holds: the draft differs from it while there are unsaved changes.
  const [saved, setSaved] = useState<{ settings: Settings; name: string } | null>(null);
  const [leave, setLeave] = useState<(() => void) | null>(null);
  const unsaved =
    saved !== null &&
    draft !== null &&
    (name !== saved.name || JSON.stringify(draft) !== JSON.stringify(saved.settings));
  useLeaveGuard(unsaved, (go) => setLeave(() => go));

  useEffect(() => {
    if (loaded.data) {
      setDraft(loaded.data.settings);
      setName(loaded.data.workspace.name);
      setSaved({ settings: loaded.data.settings, name: loaded.data.workspace.name });
    }
  }, [loaded.data]);

  // After a refused save, the first field in trouble gets the focus (and comes into view).
  useEffect(() => {
    if (status?.kind === 'error' && Object.keys(problems).length > 0) {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [status, problems]);

  function refuse(list: readonly FieldProblem[]) {
    setProblems(Object.fromEntries(list.map((p) => [p.field, p.message])));
    setStatus({ kind: 'error', text: `Not saved. Check the marked fields: ${fieldList(list)}.` });
  }

  function change(patch: Partial<Settings> & { name?: string }) {
    setStatus(null);
    setProblems((old) => {
      const next = { ...old };
      for (const key of Object.keys(patch)) delete next[key];
      return next;
    });
    const { name: newName, ...settings } = patch;
    if (newName !== undefined) setName(newName);
    setDraft((d) => (d ? { ...d, ...settings } : d));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const form = { ...draft, booking_url: draft.booking_url || null };
    const parsed = settingsFormSchema.safeParse(form);
    if (!parsed.success) {
      refuse(settingsProblems(parsed.error.issues, form));
      return;
    }
    setBusy(true);
    try {
      const res = await api<SettingsResponse>('PATCH', '/admin/settings', {
        name,
        settings: parsed.data,
      } satisfies SettingsPatch);
      setDraft(res.settings);
      setName(res.workspace.name);
      setSaved({ settings: res.settings, name: res.workspace.name });
      setProblems({});
      setStatus({ kind: 'success', text: 'Settings saved. The widget uses them from the next page load.' });
    } catch (err) {
      const details = detailsOf(err);
      if (details && details.length > 0) refuse(details);
      else setStatus({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="Settings" description="What visitors see, and how Clara behaves." />
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      {draft ? (
        <form className="settings-grid" onSubmit={save} ref={form} noValidate>
          <div className="settings-form">
            <SettingsFields
              s={draft}
              name={name}
              onName={(v) => change({ name: v })}
              onChange={change}
              problems={problems}
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
      <OwnerInvite />
      <LeaveUnsaved
        open={leave !== null}
        onStay={() => setLeave(null)}
        onLeave={() => {
          const go = leave;
          setLeave(null);
          go?.();
        }}
      />
    </>
  );
}
