import { Dialog } from '../../components/dialog';

/**
 * "Leave without saving?": asked when the owner moves to another page with unsaved settings.
 * Stay (the first button, focused; Escape too) keeps the page and its changes; Leave drops them.
 */
export function LeaveUnsaved(props: { open: boolean; onStay: () => void; onLeave: () => void }) {
  return (
    <Dialog title="Leave without saving?" open={props.open} onClose={props.onStay}>
      <div className="form">
        <p>Your changes to the settings are not saved. If you leave this page now, they are lost.</p>
        <div className="form-actions">
          <button type="button" className="primary" onClick={props.onStay}>
            Stay and keep editing
          </button>
          <button type="button" className="warning" onClick={props.onLeave}>
            Leave without saving
          </button>
        </div>
      </div>
    </Dialog>
  );
}
