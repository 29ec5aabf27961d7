import type { PanelData, PanelCell } from '../../../shared/contracts';

/** The picks the notes read (TagPicker's value; kept structural so pure-logic tests need no JSX). */
type TagValue = { phases: string[]; personas: string[] };

type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

export type Tone = 'success' | 'warning' | 'neutral';
export interface Note {
  key: string;
  tone: Tone;
  text: string;
}

/** The cells a pick touches: each picked phase × the picked personas of its journey (none: all of them). */
export function pickedCells(data: PanelData, value: TagValue) {
  const cells: Array<{ cell: PanelCell; phase: string; persona: string | null }> = [];
  for (const journey of data.journeys) {
    const personas = journey.personas.filter((p) => value.personas.includes(p.documentId));
    const columns = (personas.length ? personas : journey.personas).map((p) => ({ id: p.documentId as string | null, name: p.name }));
    for (const phase of journey.phases.filter((p) => value.phases.includes(p.documentId))) {
      for (const persona of columns.length ? columns : [{ id: null, name: '' }]) {
        const cell = data.cells.find((c) => c.phase === phase.documentId && c.persona === persona.id);
        if (cell) cells.push({ cell, phase: phase.name, persona: persona.id ? persona.name : null });
      }
    }
  }
  return cells;
}

/**
 * What tagging the entry with `value` does to the map, cell by cell: whether it closes a gap, fills a thin
 * cell or adds to one that has enough — now, when the entry counts, or once it does when it does not.
 */
export function cellNotes(data: PanelData, value: TagValue, t: Translate): Note[] {
  const counts = data.entry.counts;
  return pickedCells(data, value).map(({ cell, phase, persona }) => {
    const name = persona ? `${phase} × ${persona}` : phase;
    const key = `${cell.phase}|${cell.persona ?? ''}`;
    const values = { cell: name, count: cell.others + 1, min: cell.min, max: cell.max ?? 0, others: cell.others };
    if (cell.state === 'not-applicable') {
      return { key, tone: 'neutral', text: t('panel.cell.notApplicable', '{cell}: does not apply to this persona, never counted', values) };
    }
    if (cell.stateWith === 'thin' || cell.stateWith === 'gap') {
      return counts
        ? { key, tone: 'warning', text: t('panel.cell.stillThin', '{cell}: {count} of {min} with this entry, still thin', values) }
        : { key, tone: 'warning', text: t('panel.cell.wouldStayThin', '{cell}: would have {count} of {min} once it counts, still thin', values) };
    }
    if (cell.state === 'gap') {
      return counts
        ? { key, tone: 'success', text: t('panel.cell.closesGap', '{cell}: closes the gap (no other entry counts there)', values) }
        : { key, tone: 'warning', text: t('panel.cell.wouldCloseGap', '{cell}: a gap; this entry would close it once it counts', values) };
    }
    if (cell.state === 'thin') {
      return counts
        ? { key, tone: 'success', text: t('panel.cell.fillsThin', '{cell}: thin; with this entry {count} of {min}, enough', values) }
        : { key, tone: 'warning', text: t('panel.cell.wouldFillThin', '{cell}: thin; this entry would bring it to {count} of {min} once it counts', values) };
    }
    if (cell.stateWith === 'excess') {
      return { key, tone: 'neutral', text: t('panel.cell.excess', '{cell}: already has {others}; more than {max} with this entry', values) };
    }
    return { key, tone: 'neutral', text: t('panel.cell.enough', '{cell}: already has enough ({others})', values) };
  });
}
