import { keyFormSchema } from '@clara/contract';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { type ApiKey, addKey, type ModelChoice, type Provider } from './keys-api';

const providerNames: Record<Provider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** Add a key: provider → model (the seed's table), the key itself (write-only), label, default. */
export function KeyDialog(props: {
  open: boolean;
  models: ModelChoice[];
  hasDefault: boolean;
  onClose: () => void;
  onSaved: (key: ApiKey) => void;
}) {
  const [provider, setProvider] = useState<Provider>('openai');
  const choices = props.models.filter((m) => m.provider === provider);
  const [model, setModel] = useState('');
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [makeDefault, setMakeDefault] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenModel = choices.some((m) => m.model === model) ? model : (choices[0]?.model ?? '');
  const asDefault = makeDefault ?? !props.hasDefault;

  const close = () => {
    // The raw key never outlives the dialog.
    setKey('');
    setError(null);
    setMakeDefault(null);
    props.onClose();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = keyFormSchema.safeParse({
      provider,
      model: chosenModel,
      key,
      label,
      make_default: asDefault,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { key: saved } = await addKey({ ...parsed.data, label: parsed.data.label || undefined });
      setKey('');
      setLabel('');
      setMakeDefault(null);
      props.onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Add an API key" open={props.open} onClose={close}>
      <form className="form" onSubmit={submit} autoComplete="off">
        <div className="row">
          <label>
            Provider
            <select value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
              {(Object.keys(providerNames) as Provider[]).map((p) => (
                <option key={p} value={p}>
                  {providerNames[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Model
            <select value={chosenModel} onChange={(e) => setModel(e.target.value)}>
              {choices.map((m) => (
                <option key={m.model} value={m.model}>
                  {m.name} ({m.model})
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          API key
          <input
            type="password"
            name="api-key"
            autoComplete="new-password"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder={provider === 'openai' ? 'sk-…' : 'sk-ant-…'}
          />
        </label>
        <p className="muted small">
          Stored encrypted (AES-256-GCM). After saving, only its last four characters are shown.
        </p>
        <label>
          Label (optional)
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Production key" />
        </label>
        <label className="check-row">
          <input type="checkbox" checked={asDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
          Use this key for chat (default)
        </label>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-actions">
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
