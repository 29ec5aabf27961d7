import { useLayoutEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** The element that scrolls `node`: its nearest ancestor with scrollable overflow, else the document. */
function scrollerOf(node: HTMLElement | null): HTMLElement {
  for (let el = node?.parentElement ?? null; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if ((overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight) return el;
  }
  return (document.scrollingElement as HTMLElement) ?? document.documentElement;
}

/**
 * Opens every page of the plugin at its top. The admin keeps one scroll container for all pages, so a
 * page opened from the sub-navigation would otherwise start where the previous one was scrolled to.
 * Only a new path scrolls: filters live in the query string and must not move the page.
 */
export const ScrollToTop = () => {
  const { pathname } = useLocation();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    scrollerOf(ref.current).scrollTo({ top: 0 });
    window.scrollTo({ top: 0 });
  }, [pathname]);
  return <span ref={ref} hidden />;
};
