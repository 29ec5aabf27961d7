import { useLayoutEffect, useRef } from 'react';

/**
 * Focus returns to its origin when a dialog closes. The plugin's dialogs open from state, not from a
 * design-system trigger, so Radix has no trigger to focus when they close and focus would fall to the
 * page. This hook remembers the element that had focus when `open` became true (a layout effect runs
 * before the dialog moves focus into itself) and gives the `onCloseAutoFocus` handler for the dialog's
 * content that puts focus back there, if that element is still on the page.
 */
export const useReturnFocus = (open: boolean) => {
  const origin = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open) origin.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  }, [open]);
  return (event: Event) => {
    const element = origin.current;
    if (!element || !element.isConnected) return;
    event.preventDefault();
    element.focus();
  };
};
