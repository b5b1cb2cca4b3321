import { useState } from 'react';
import { apiDownload, errorMessage } from '../lib/api';

/** A button that downloads an API file (an export) with the owner's credentials. */
export function DownloadButton(props: { path: string; fileName: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="ghost"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          apiDownload(props.path, props.fileName)
            .catch((e: unknown) => setError(errorMessage(e)))
            .finally(() => setBusy(false));
        }}
      >
        {props.label}
      </button>
      {error ? (
        <span role="alert" className="small error-text">
          {error}
        </span>
      ) : null}
    </>
  );
}
