import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal question with the native <dialog>: focus is trapped, Escape cancels. `children` go between the text and
 * the buttons (a field the answer needs, such as a password, which then takes the focus instead of Cancel);
 * `confirmDisabled` holds the confirm button back until they are filled in.
 */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
  confirmDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={props.onCancel}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <p id="confirm-body">{props.body}</p>
      {props.children}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus={!props.children}>
          {props.cancel}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm} disabled={props.confirmDisabled}>
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
