import { useCallback, useRef } from 'react';

/** What the design system's table cell counts as focusable inside a cell (RawTable's own selector). */
const FOCUSABLE = 'a, button, input, textarea, select, details, [tabindex]:not([tabindex="-1"])';

const isTextInput = (el: Element) => el.tagName === 'INPUT' && !['checkbox', 'radio'].includes((el as HTMLInputElement).type);

/**
 * Keeps the one Tab stop of a design-system `Table` (a roving-tabindex grid) where its arrow keys expect it.
 *
 * A cell decides when it mounts whether the cell itself takes focus (no focusable child, a text field, mixed
 * children) or its child does (one button or link). The design system's `Checkbox` (Radix) renders a hidden
 * `<input type="checkbox">` on its first render and drops it on the next one, so a checkbox cell is first taken
 * for a cell that takes focus itself: it gets `tabindex="0"` if it is the active cell (the header's "select
 * all" at load) and keeps it, because later updates of a one-child cell only set the child's tabindex. The grid
 * moves focus to the first `[tabindex="0"]` after each arrow key, which is then always that stale cell: Tab
 * never leaves the header and the arrow keys seem to do nothing.
 *
 * This ref callback (for the `Table`) removes such stale cell tabindexes whenever the grid's cells change, and
 * gives the Tab stop to the cell's child when the grid has no other.
 */
export const useGridTabStop = () => {
  const observer = useRef<MutationObserver | null>(null);

  return useCallback((grid: HTMLTableElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!grid) return;
    const settle = () => {
      grid.querySelectorAll('[role="gridcell"][tabindex]').forEach((cell) => {
        const inside = Array.from(cell.querySelectorAll(FOCUSABLE)).filter((el) => !el.hasAttribute('disabled'));
        const ownsFocus = inside.length === 0 || (inside.length === 1 && isTextInput(inside[0])) || (inside.length > 1 && inside.some((el) => el.tagName !== 'BUTTON'));
        if (ownsFocus) return;
        const wasStop = cell.getAttribute('tabindex') === '0';
        cell.removeAttribute('tabindex');
        if (wasStop && !grid.querySelector('[tabindex="0"]')) inside.forEach((el) => el.setAttribute('tabindex', '0'));
      });
    };
    settle();
    observer.current = new MutationObserver(settle);
    observer.current.observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'] });
  }, []);
};
