import {
  type AssetRemoveResponse,
  type AssetUploadResponse,
  type Settings,
  settingsAssetRules,
} from '@clara/contract';
import { useId, useState } from 'react';
import { api, errorMessage } from '../../lib/api';

type Kind = 'avatar' | 'icon';
const kinds = {
  avatar: { field: 'avatar_url', label: 'Avatar', shows: 'beside the bot name in the chat header' },
  icon: { field: 'chat_icon_url', label: 'Chat icon', shows: 'on the chat bubble' },
} as const;
const accepted: readonly string[] = settingsAssetRules.types;
const maxMb = settingsAssetRules.maxBytes / (1024 * 1024);

/**
 * One image the widget shows: a file input (the types and size the server accepts), a preview of
 * the current image and Remove. Uploads and removals take effect at once (not on Save).
 */
function AssetField(props: { kind: Kind; url: string | null; onChange: (patch: Partial<Settings>) => void }) {
  const { field, label, shows } = kinds[props.kind];
  const hintId = useId();
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    if (!accepted.includes(file.type)) {
      setError('Choose a PNG, JPEG, GIF or WebP image.');
    } else if (file.size > settingsAssetRules.maxBytes) {
      setError(`The image is over ${maxMb} MB.`);
    } else {
      setBusy(true);
      try {
        const path = `/admin/settings/assets/${props.kind}`;
        const res = await api<AssetUploadResponse>('PUT', path, undefined, {
          raw: file,
          contentType: file.type,
        });
        props.onChange({ [field]: res.url });
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    }
    input.value = '';
  }

  async function remove() {
    setError(null);
    setBusy(true);
    try {
      await api<AssetRemoveResponse>('DELETE', `/admin/settings/assets/${props.kind}`);
      props.onChange({ [field]: null });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="asset-field">
      <label>
        {label}
        <input
          type="file"
          name={field}
          accept={accepted.join(',')}
          disabled={busy}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          onChange={(e) => void upload(e.currentTarget)}
        />
      </label>
      <span id={hintId} className="muted small">
        Shown {shows}. PNG, JPEG, GIF or WebP, up to {maxMb} MB. Saved as soon as you choose it.
      </span>
      {error ? (
        <span id={errorId} role="alert" className="field-problem small">
          {error}
        </span>
      ) : null}
      {props.url ? (
        <div className="asset-current">
          <img src={props.url} alt={`Current ${label.toLowerCase()}`} width={40} height={40} />
          <button type="button" className="small" disabled={busy} onClick={() => void remove()}>
            Remove {label.toLowerCase()}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The avatar and the chat icon (seed: `avatar_url`, `chat_icon_url`). */
export function AssetFields(props: { s: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <div className="row">
      <AssetField kind="avatar" url={props.s.avatar_url} onChange={props.onChange} />
      <AssetField kind="icon" url={props.s.chat_icon_url} onChange={props.onChange} />
    </div>
  );
}
