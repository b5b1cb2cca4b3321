import { useRef, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { deleteConversation } from './conversations-api';

/** "Delete conversation" with a confirming dialog; focus goes back to the button on cancel. */
export function DeleteConversation(props: { id: string; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    setError(null);
    button.current?.focus();
  };
  async function confirm() {
    setBusy(true);
    try {
      await deleteConversation(props.id);
      setOpen(false);
      props.onDeleted();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button ref={button} type="button" className="warning small" onClick={() => setOpen(true)}>
        Delete conversation
      </button>
      <Dialog title="Delete this conversation?" open={open} onClose={close}>
        <div className="form">
          <p>
            The conversation and the gaps filed from it are deleted for good, on every Clara instance. Export
            first if you need a copy.
          </p>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <div className="form-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="button" className="warning" disabled={busy} onClick={() => void confirm()}>
              {busy ? 'Deleting…' : 'Delete for good'}
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
