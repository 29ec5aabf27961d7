import { cellNotes, pickedCells } from '../../admin/src/components/panelNotes';
import type { PanelCell, PanelData } from '../../shared/contracts';

const t = (_id: string, message: string, values: Record<string, string | number> = {}) =>
  message.replace(/\{(\w+)\}/g, (_m, key) => String(values[key]));

const cell = (phase: string, persona: string | null, others: number, state: PanelCell['state'], stateWith: PanelCell['state'], min = 1): PanelCell => ({
  journey: 'j',
  phase,
  persona,
  others,
  min,
  max: null,
  state,
  stateWith,
});

const data = (counts: boolean, cells: PanelCell[]): PanelData => ({
  contentType: 'api::article.article',
  documentId: 'a',
  locale: 'en',
  rules: { includeDrafts: false, staleAfterDays: 365 },
  entry: { title: 'x', exists: true, published: counts, updatedAt: null, publishedUpdatedAt: null, counts, reason: counts ? null : 'draft', staleSince: null, otherLocales: [] },
  tags: { phases: [], personas: [], allPersonasPhases: [], cta: null },
  publishCheck: 'off',
  journeys: [
    {
      documentId: 'j',
      name: 'Repair',
      slug: 'repair',
      phases: [
        { id: 1, documentId: 'aw', name: 'Awareness', slug: 'awareness', position: 0, customerGoal: null, questions: null, ctas: [] },
        { id: 2, documentId: 'ad', name: 'Advocacy', slug: 'advocacy', position: 1, customerGoal: null, questions: null, ctas: [] },
      ],
      personas: [
        { id: 1, documentId: 'pa', name: 'Parent', slug: 'parent', painPoints: null, priority: 0 },
        { id: 2, documentId: 'te', name: 'Techie', slug: 'techie', painPoints: null, priority: 0 },
      ],
    },
  ],
  cells,
});

const cells = [
  cell('aw', 'pa', 0, 'gap', 'ok'),
  cell('aw', 'te', 1, 'thin', 'ok', 2),
  cell('ad', 'pa', 0, 'gap', 'thin', 3),
  cell('ad', 'te', 0, 'not-applicable', 'not-applicable'),
];

describe('the panel notes', () => {
  it('covers every persona of the journey when none is picked, and only the picked ones otherwise', () => {
    expect(pickedCells(data(true, cells), { phases: ['aw'], personas: [] }).map((c) => `${c.phase}|${c.persona}`)).toEqual(['Awareness|Parent', 'Awareness|Techie']);
    expect(pickedCells(data(true, cells), { phases: ['aw', 'ad'], personas: ['te'] }).map((c) => `${c.phase}|${c.persona}`)).toEqual(['Awareness|Techie', 'Advocacy|Techie']);
  });

  it('says which gaps and thin cells a counted entry closes, and which stay thin', () => {
    expect(cellNotes(data(true, cells), { phases: ['aw', 'ad'], personas: [] }, t)).toEqual([
      { key: 'aw|pa', tone: 'success', text: 'Awareness × Parent: closes the gap (no other entry counts there)' },
      { key: 'aw|te', tone: 'success', text: 'Awareness × Techie: thin; with this entry 2 of 2, enough' },
      { key: 'ad|pa', tone: 'warning', text: 'Advocacy × Parent: 1 of 3 with this entry, still thin' },
      { key: 'ad|te', tone: 'neutral', text: 'Advocacy × Techie: does not apply to this persona, never counted' },
    ]);
  });

  it('says what an entry that does not count would do once it counts', () => {
    expect(cellNotes(data(false, cells), { phases: ['aw'], personas: [] }, t).map((n) => n.text)).toEqual([
      'Awareness × Parent: a gap; this entry would close it once it counts',
      'Awareness × Techie: thin; this entry would bring it to 2 of 2 once it counts',
    ]);
  });

  it('names cells that stay thin or already have enough', () => {
    const more = [cell('aw', 'pa', 1, 'thin', 'thin', 3), cell('aw', 'te', 4, 'ok', 'ok')];
    expect(cellNotes(data(true, more), { phases: ['aw'], personas: [] }, t).map((n) => n.text)).toEqual([
      'Awareness × Parent: 2 of 3 with this entry, still thin',
      'Awareness × Techie: already has enough (4)',
    ]);
  });
});
