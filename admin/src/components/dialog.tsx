import { type ReactNode, useEffect, useRef } from 'react';
import { focusDialogContent } from './dialog-focus';
import './dialog.css';

/**
 * A modal dialog on the native <dialog> element (focus trap and Escape for free); it opens with
 * focus on its first field.
 */
export function Dialog(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (props.open && !el.open) {
      el.showModal();
      // The browser would focus the × first; the form's first field is where the owner starts.
      focusDialogContent(el);
    }
    if (!props.open && el.open) el.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog wide' : 'dialog'}
      onClose={props.onClose}
      aria-label={props.title}
    >
      <header className="dialog-head">
        <h2>{props.title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.open ? props.children : null}
    </dialog>
  );
}
