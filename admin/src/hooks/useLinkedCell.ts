import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A link to one cell (the home page's widget): `?phase=<documentId>&persona=<documentId>` opens that cell once
 * `ready`, then leaves the address so that a reload does not open it again.
 */
export function useLinkedCell(ready: boolean, openCell: (phase: string, persona: string | null) => void) {
  const [params, setParams] = useSearchParams();
  const phase = params.get('phase');
  const persona = params.get('persona') || null;
  useEffect(() => {
    if (!phase || !ready) return;
    openCell(phase, persona);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('phase');
        next.delete('persona');
        return next;
      },
      { replace: true }
    );
    // openCell is a fresh closure on every render; the link is read once per address
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, persona, ready, setParams]);
}
