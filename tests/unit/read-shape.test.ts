import { ctaCreate, ctaUpdate, journeyUpdate, personaUpdate, phaseUpdate } from '../../shared/contracts/journeys';
import { tagsBody } from '../../shared/contracts/tags';
import { snapshotCreate } from '../../shared/contracts/snapshots';
import { writeShape } from '../../server/src/validation/read-shape';

const PHASE = 'ls441natqk2x0q8m3v6e9zja';
const PERSONA = 'ls85mr50w1b7yq2n4c9d3kfh';
const JOURNEY = 'b2xo1aizq9w8e7r6t5y4u3i2';
const dates = { id: 7, createdAt: '2026-11-24T07:12:03.114Z', updatedAt: '2026-11-24T07:12:03.114Z', publishedAt: '2026-11-24T07:12:03.110Z', locale: null };

describe('writeShape', () => {
  it('turns a CTA as read (admin or content API shape) into the flat write shape', () => {
    const read = { ...dates, documentId: 'ua0w35zgqk2x0q8m3v6e9zjb', label: 'Get the manual', phase: { id: 2, documentId: PHASE, name: 'Consideration' }, persona: null, kpi: { metric: 'downloads', target: 500, period: 'month' } };
    expect(ctaCreate.parse(writeShape.cta(read))).toEqual({ label: 'Get the manual', phase: PHASE, persona: null, kpiMetric: 'downloads', kpiTarget: 500, kpiPeriod: 'month' });
    // a flat field given too wins over the nested one
    expect(ctaUpdate.parse(writeShape.cta({ kpiTarget: 600, kpi: { target: 500 } }))).toEqual({ kpiTarget: 600 });
  });

  it('still refuses unknown keys, inside kpi too, so a typo is a 400', () => {
    expect(ctaUpdate.safeParse(writeShape.cta({ ...dates, lable: 'typo' })).success).toBe(false);
    const nested = ctaUpdate.safeParse(writeShape.cta({ kpi: { targit: 5 } }));
    expect(nested.success).toBe(false);
    expect(JSON.stringify(nested.error?.issues)).toContain('kpi.targit');
  });

  it('reads journeys, phases and personas back with their related records as documentIds', () => {
    const journey = { ...dates, documentId: JOURNEY, name: 'Repair', slug: 'repair', phases: [{ documentId: PHASE }], personas: [{ id: 3, documentId: PERSONA, name: 'Parent' }], excludedCells: [{ phase: PHASE, persona: PERSONA }] };
    expect(journeyUpdate.parse(writeShape.journey(journey))).toEqual({ name: 'Repair', slug: 'repair', personas: [PERSONA], excludedCells: [{ phase: PHASE, persona: PERSONA }] });
    const phase = { ...dates, documentId: PHASE, name: 'Consideration', slug: 'consideration', position: 1, funnelBand: 'middle', ctas: [{ documentId: 'x' }] };
    expect(phaseUpdate.parse(writeShape.phaseUpdate(phase))).toEqual({ name: 'Consideration', slug: 'consideration', funnelBand: 'middle' });
    const persona = { ...dates, documentId: PERSONA, name: 'Parent', journeys: [{ id: 1, documentId: JOURNEY, name: 'Repair' }] };
    expect(personaUpdate.parse(writeShape.persona(persona))).toEqual({ name: 'Parent', journeys: [JOURNEY] });
  });

  it('reads tags and snapshots back', () => {
    const tags = { contentType: 'api::article.article', documentId: 'kcovlvadqk2x0q8m3v6e9zjc', locale: 'en', phases: [PHASE], personas: [], allPersonasPhases: [PHASE], cta: null, rows: [] };
    expect(tagsBody.parse(writeShape.tags(tags))).toEqual({ phases: [PHASE], personas: [], cta: null });
    const snapshot = { documentId: 'q0d7abcdefqk2x0q8m3v6e9z', journey: { documentId: JOURNEY, name: 'Repair' }, takenAt: dates.createdAt, note: null, kind: 'manual', day: null, summary: {} };
    expect(snapshotCreate.parse(writeShape.snapshot(snapshot))).toEqual({ journey: JOURNEY });
    expect(snapshotCreate.safeParse(writeShape.snapshot({ ...snapshot, kind: 'daily' })).success).toBe(false);
  });

  it('leaves bodies that are not objects to the schema', () => {
    expect(writeShape.cta('label')).toBe('label');
    expect(writeShape.journey(null)).toBeNull();
    expect(writeShape.tags([1])).toEqual([1]);
  });
});
