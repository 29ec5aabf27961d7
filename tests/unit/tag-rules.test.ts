import { errors } from '@strapi/utils';
import type { TagRow, EntryKey } from '../../server/src/repositories/tags';
import { ALL_PERSONAS, buildTagRows, entryCta, normalizeTags, withoutTags } from '../../server/src/services/tag-rules';

const entry: EntryKey = { contentType: 'api::article.article', entryDocumentId: 'entry0000001', entryLocale: 'en' };
const row = (phaseId: string, personaId: string, extra: Partial<TagRow> = {}): TagRow => ({
  ...entry,
  journeyId: 'j1',
  phaseId,
  personaId,
  ctaId: null,
  ...extra,
});

// Journey j1 has phases p1 (CTA c1) and p2; journey j2 has phase q1 (CTA c2).
const p1 = { documentId: 'p1', journeyId: 'j1', ctaIds: ['c1'] };
const p2 = { documentId: 'p2', journeyId: 'j1', ctaIds: [] };
const q1 = { documentId: 'q1', journeyId: 'j2', ctaIds: ['c2'] };
const parent = { documentId: 'parent', journeyIds: ['j1'] };
const student = { documentId: 'student', journeyIds: ['j1'] };
const buyer = { documentId: 'buyer', journeyIds: ['j2'] };

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
};

describe('buildTagRows', () => {
  it('applies personas only to the phases of their journeys', () => {
    const rows = buildTagRows(entry, [p1, q1], [parent, buyer], 'c1');
    expect(rows).toEqual([
      { ...entry, journeyId: 'j1', phaseId: 'p1', personaId: 'parent', ctaId: 'c1' },
      { ...entry, journeyId: 'j2', phaseId: 'q1', personaId: 'buyer', ctaId: 'c1' },
    ]);
  });

  it('gives one row per persona of the phase journey', () => {
    const rows = buildTagRows(entry, [p1, p2], [parent, student], null);
    expect(rows.map((r) => `${r.phaseId}:${r.personaId}`)).toEqual(['p1:parent', 'p1:student', 'p2:parent', 'p2:student']);
  });

  it('tags a phase whose journey has none of the picked personas for all personas', () => {
    const rows = buildTagRows(entry, [p1, q1], [parent], null);
    expect(ALL_PERSONAS).toBe('');
    expect(rows).toEqual([
      { ...entry, journeyId: 'j1', phaseId: 'p1', personaId: 'parent', ctaId: null },
      { ...entry, journeyId: 'j2', phaseId: 'q1', personaId: '', ctaId: null },
    ]);
  });

  it('tags every phase for all personas when no persona is picked', () => {
    const rows = buildTagRows(entry, [p1, p2], [], null);
    expect(rows.map((r) => [r.phaseId, r.personaId])).toEqual([
      ['p1', ''],
      ['p2', ''],
    ]);
  });

  it('returns no rows for no phases', () => {
    expect(buildTagRows(entry, [], [], null)).toEqual([]);
  });

  it('refuses a persona that fits no picked phase, naming its index', () => {
    const err = thrown(() => buildTagRows(entry, [p1], [parent, buyer], null));
    expect(err).toBeInstanceOf(errors.ValidationError);
    expect(err.message.startsWith('body.personas.1')).toBe(true);
    expect(err.message).toContain('buyer');
  });

  it('refuses any persona when no phase is picked', () => {
    const err = thrown(() => buildTagRows(entry, [], [parent], null));
    expect(err).toBeInstanceOf(errors.ValidationError);
    expect(err.message.startsWith('body.personas.0')).toBe(true);
  });

  it('refuses a CTA that belongs to none of the picked phases', () => {
    const err = thrown(() => buildTagRows(entry, [p1, p2], [], 'c2'));
    expect(err).toBeInstanceOf(errors.ValidationError);
    expect(err.message.startsWith('body.cta')).toBe(true);
    expect(err.message).toContain('c2');
  });

  it('accepts a CTA of any one of the picked phases and sets it on every row', () => {
    const rows = buildTagRows(entry, [p2, q1], [], 'c2');
    expect(rows.map((r) => r.ctaId)).toEqual(['c2', 'c2']);
  });
});

describe('normalizeTags', () => {
  it('drops duplicate (entry, phase, persona) rows, keeping the first', () => {
    const rows = [row('p1', 'parent', { ctaId: 'c1' }), row('p1', 'parent', { ctaId: 'c9' }), row('p1', 'student')];
    expect(normalizeTags(rows)).toEqual([row('p1', 'parent', { ctaId: 'c1' }), row('p1', 'student')]);
  });

  it('drops specific-persona rows when an all-personas row exists for the same entry and phase', () => {
    const rows = [row('p1', 'parent'), row('p1', ''), row('p1', 'student'), row('p2', 'parent')];
    expect(normalizeTags(rows)).toEqual([row('p1', ''), row('p2', 'parent')]);
  });

  it('keeps specific-persona rows when the all-personas row is for another entry or locale', () => {
    const rows = [
      row('p1', 'parent'),
      row('p1', '', { entryDocumentId: 'entry0000002' }),
      row('p1', '', { entryLocale: 'ja' }),
    ];
    expect(normalizeTags(rows)).toEqual(rows);
  });

  it('drops duplicate all-personas rows', () => {
    expect(normalizeTags([row('p1', ''), row('p1', '')])).toEqual([row('p1', '')]);
  });
});

describe('withoutTags', () => {
  const current = [row('p1', 'parent'), row('p1', 'student'), row('p2', ''), row('p3', 'parent')];

  it('removes whole phases when no personas are given', () => {
    expect(withoutTags(current, ['p1', 'p2'], [])).toEqual([row('p3', 'parent')]);
  });

  it('removes only the given personas of the given phases', () => {
    expect(withoutTags(current, ['p1', 'p2'], ['parent'])).toEqual([row('p1', 'student'), row('p2', ''), row('p3', 'parent')]);
  });

  it('keeps everything when no phase matches', () => {
    expect(withoutTags(current, ['zz'], [])).toEqual(current);
  });
});

describe('entryCta', () => {
  it('returns the first CTA set on any row', () => {
    expect(entryCta([row('p1', ''), row('p2', '', { ctaId: 'c1' }), row('p3', '', { ctaId: 'c2' })])).toBe('c1');
  });

  it('returns null when no row has a CTA', () => {
    expect(entryCta([row('p1', '')])).toBeNull();
    expect(entryCta([])).toBeNull();
  });
});
