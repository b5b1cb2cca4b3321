import { type RefObject, useEffect, useRef } from 'react';

/**
 * After an in-app navigation (not on the first load), moves focus to the new page's main heading
 * (its h1, made focusable with tabIndex -1), or to the main region when the page has none, so a
 * screen reader announces the new page instead of staying on the menu link. Only when the page
 * changes: opening a conversation of the list (`/conversations/ID`) keeps the focus where it is.
 */
export function useFocusOnRouteChange(path: string, main: RefObject<HTMLElement | null>): void {
  const first = useRef(true);
  const page = path.split('/')[1] ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusMain(main.current, true);
  }, [page]);
}

/** Focuses the main region's h1 (`heading`) or the region itself, without scrolling past its top. */
export function focusMain(main: HTMLElement | null, heading: boolean): void {
  if (!main) return;
  const h1 = heading ? main.querySelector<HTMLElement>('h1') : null;
  if (h1) {
    h1.tabIndex = -1;
    h1.focus();
  } else main.focus();
}

/**
 * While the phone menu is open, Escape closes it and gives focus back to the Menu button.
 * Only when the button is shown (on a wide screen the navigation is always there).
 */
export function useEscapeClosesMenu(open: boolean, close: () => void, button: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      const el = button.current;
      if (e.key !== 'Escape' || !el || el.offsetParent === null) return;
      e.preventDefault();
      close();
      el.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close, button]);
}
