const field = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
const control = `[autofocus], ${field}, button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])`;

/**
 * Where focus goes when a dialog opens: the first form field of its content (not the × in its
 * header, which the browser would pick), else the content's first control (a confirmation's
 * Cancel), else the dialog itself. An element marked `autofocus` wins.
 */
export function focusDialogContent(dialog: HTMLDialogElement): void {
  const content = [...dialog.children].filter((el) => el.tagName !== 'HEADER');
  for (const selector of ['[autofocus]', field, control]) {
    for (const part of content) {
      const target = part.matches(selector) ? part : part.querySelector(selector);
      if (target instanceof HTMLElement && target.getClientRects().length > 0) {
        target.focus();
        return;
      }
    }
  }
}
