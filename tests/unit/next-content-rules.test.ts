import {
  briefMarkdown,
  ctaPart,
  dropOffPart,
  emotionPart,
  gapAgePart,
  personaPart,
  rank,
  score,
  shortage,
  shortfall,
} from '../../server/src/services/next-content-rules';
import type { NextContentBrief, NextContentWeights, ScoreParts } from '../../shared/contracts/next-content';

const weights: NextContentWeights = { persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 };
const parts = (values: Partial<Record<keyof ScoreParts, number | null>>): ScoreParts => ({
  persona: { value: values.persona ?? 0, priority: null, rank: null, name: null },
  cta: { value: values.cta ?? null, kind: 'noData', label: null, shortfall: null, status: null },
  emotion: { value: values.emotion ?? null, score: null, label: null },
  dropOff: { value: values.dropOff ?? null, share: null, reached: 0, stopped: 0 },
  gapAge: { value: values.gapAge ?? null, days: null, since: null },
});

describe('personaPart', () => {
  it('is the priority over the journey’s highest, with the persona’s rank (higher first)', () => {
    expect(personaPart({ name: 'Busy parent', priority: 10 }, [10, 5, 5])).toEqual({ value: 1, priority: 10, rank: 1, name: 'Busy parent' });
    expect(personaPart({ name: 'Techie', priority: 5 }, [10, 5, 5])).toEqual({ value: 0.5, priority: 5, rank: 2, name: 'Techie' });
  });
  it('is 0 without priorities, and for a journey without personas', () => {
    expect(personaPart({ name: 'A', priority: 0 }, [0, 0])).toEqual({ value: 0, priority: 0, rank: null, name: 'A' });
    expect(personaPart(null, [])).toEqual({ value: 0, priority: null, rank: null, name: null });
  });
});

describe('ctaPart', () => {
  it('weighs a phase without a CTA fully', () => {
    expect(ctaPart([])).toEqual({ value: 1, kind: 'none', label: null, shortfall: null, status: null });
  });
  it('is the worst shortfall of the phase’s measured CTAs', () => {
    const behind = { label: 'Manual', target: 500, direction: 'higher' as const, value: 440, status: 'atRisk' as const };
    const fine = { label: 'Call', target: 10, direction: 'higher' as const, value: 12, status: 'onTrack' as const };
    expect(ctaPart([fine, behind])).toEqual({ value: 0.12, kind: 'behind', label: 'Manual', shortfall: 0.12, status: 'atRisk' });
    expect(ctaPart([fine])).toEqual({ value: 0, kind: 'onTarget', label: 'Call', shortfall: 0, status: 'onTrack' });
  });
  it('is unknown (null) when no CTA has a measured KPI', () => {
    expect(ctaPart([{ label: 'Manual', target: 500, direction: 'higher', value: null, status: 'noData' }])).toEqual({ value: null, kind: 'noData', label: 'Manual', shortfall: null, status: 'noData' });
  });
  it('reads "lower is better" KPIs the other way, capped at 1', () => {
    expect(shortfall({ label: 'x', target: 10, direction: 'lower', value: 15, status: 'offTrack' })).toBe(0.5);
    expect(shortfall({ label: 'x', target: 10, direction: 'lower', value: 40, status: 'offTrack' })).toBe(1);
    expect(shortfall({ label: 'x', target: 10, direction: 'lower', value: 5, status: 'onTrack' })).toBe(0);
  });
});

describe('emotion, drop-off and gap age', () => {
  it('weighs the emotion curve’s low points more', () => {
    expect(emotionPart(-2, 'Frustrated').value).toBe(1);
    expect(emotionPart(0, null).value).toBe(0.5);
    expect(emotionPart(2, 'Happy').value).toBe(0);
    expect(emotionPart(null, null)).toEqual({ value: null, score: null, label: null });
  });
  it('is the share of sessions that stop at the phase, unknown when none reached it', () => {
    expect(dropOffPart({ reached: 50, dropOff: 19 })).toEqual({ value: 0.38, share: 0.38, reached: 50, stopped: 19 });
    expect(dropOffPart({ reached: 0, dropOff: 0 }).value).toBeNull();
    expect(dropOffPart(null).value).toBeNull();
  });
  it('counts a gap’s days from the first snapshot of its run, full weight at 90 days', () => {
    expect(gapAgePart('2026-01-01', '2026-02-15')).toEqual({ value: 0.5, days: 45, since: '2026-01-01' });
    expect(gapAgePart('2025-01-01', '2026-02-15').value).toBe(1);
    expect(gapAgePart(null, '2026-02-15')).toEqual({ value: null, days: null, since: null });
  });
});

describe('score and rank', () => {
  it('is the weighted mean of the known parts times the shortage', () => {
    // (3×1 + 3×1 + 2×0.5 + 3×0 + 1×0) / 12 = 7/12
    expect(score(parts({ persona: 1, cta: 1, emotion: 0.5 }), weights, 1)).toBe(58.3);
    expect(score(parts({ persona: 1, cta: 1, emotion: 0.5 }), weights, 0.5)).toBe(29.2);
    expect(shortage('gap', 0, 1)).toBe(1);
    expect(shortage('thin', 1, 4)).toBe(0.75);
    expect(shortage('ok', 4, 4)).toBe(0);
  });
  it('follows the weights', () => {
    const a = parts({ persona: 1, dropOff: 0 });
    const b = parts({ persona: 0, dropOff: 1 });
    expect(score(a, weights, 1)).toBe(score(b, weights, 1));
    expect(score(a, { ...weights, persona: 10 }, 1)).toBeGreaterThan(score(b, { ...weights, persona: 10 }, 1));
    expect(score(a, { persona: 0, cta: 0, emotion: 0, dropOff: 0, gapAge: 0 }, 0.5)).toBe(50);
  });
  it('ranks by score, then gaps first, then the earlier phase and the higher-priority persona', () => {
    const item = (id: string, s: number, state: 'gap' | 'thin', position: number, priority: number) => ({
      id,
      score: s,
      state,
      phase: { position, name: `p${position}` },
      persona: { name: id },
      parts: { persona: { value: 0, priority, rank: null, name: id } },
    });
    const ranked = rank([item('a', 10, 'thin', 0, 0), item('b', 10, 'gap', 3, 0), item('c', 20, 'thin', 5, 0), item('d', 10, 'gap', 3, 4), item('e', 10, 'gap', 1, 0)]);
    expect(ranked.map((i) => i.id)).toEqual(['c', 'e', 'd', 'b', 'a']);
  });
});

describe('briefMarkdown', () => {
  const brief: Omit<NextContentBrief, 'markdown'> = {
    journey: { documentId: 'j1aaaaaaaaaa', name: 'Smartphone repair' },
    phase: { documentId: 'p1aaaaaaaaaa', name: 'Consideration', customerGoal: 'Know whether a repair is worth it', questions: 'How much?\n# Is it safe?', thoughts: null, touchpoints: ['search', 'store'], emotionLabel: 'Anxious', emotionScore: -1 },
    persona: { documentId: 'pe1aaaaaaaaa', name: 'Busy parent', goals: 'A working phone by tonight', needs: null, painPoints: 'No time', channels: ['email'] },
    ctas: [{ label: 'Download the repair manual', kpiMetric: 'manual downloads', kpiTarget: 500, kpiUnit: null, kpiPeriod: 'month' }],
    linkFrom: { phase: { documentId: 'p0aaaaaaaaaa', name: 'Awareness' }, entries: [{ contentType: 'api::article.article', documentId: 'e1aaaaaaaaaa', locale: 'en', title: 'Cracked screen?', status: 'published', updatedAt: null, flags: [] }] },
    linkTo: { phase: { documentId: 'p2aaaaaaaaaa', name: 'Purchase' }, entries: [] },
    refresh: [{ contentType: 'api::faq.faq', documentId: 'e2aaaaaaaaaa', locale: 'en', title: 'Old prices', status: 'draft', updatedAt: null, flags: ['stale', 'draftOnly'] }],
  };

  it('writes every section the brief has, in order, escaping Markdown markers in the text', () => {
    expect(briefMarkdown(brief)).toBe(
      [
        '# Brief: Busy parent · Consideration',
        '',
        'Journey: Smartphone repair',
        '',
        '## Persona: Busy parent',
        '',
        '**Goals:** A working phone by tonight',
        '',
        '**Pains:** No time',
        '',
        '**Channels:** email',
        '',
        '## Phase: Consideration',
        '',
        '**Customer goal:** Know whether a repair is worth it',
        '',
        '**Questions:** How much?  \n\\# Is it safe?',
        '',
        '**Touchpoints:** search, store',
        '',
        '**Emotion:** Anxious (-1 on −2…+2)',
        '',
        '## Call to action',
        '',
        '- Download the repair manual (target 500 manual downloads per month)',
        '',
        '## Link from (Awareness)',
        '',
        '- Cracked screen? (api::article.article, en)',
        '',
        '## Link to (Purchase)',
        '',
        'No entries in the next phase yet.',
        '',
        '## Refresh instead of writing new',
        '',
        '- Old prices (api::faq.faq, en, draft, stale)',
        '',
      ].join('\n')
    );
  });

  it('says when the phase has no CTA, and leaves out the persona and the ends of the journey', () => {
    const text = briefMarkdown({ ...brief, persona: null, ctas: [], linkFrom: { phase: null, entries: [] }, refresh: [] });
    expect(text.startsWith('# Brief: Consideration\n')).toBe(true);
    expect(text).toContain('## Call to action\n\nThis phase has no call to action yet.\n');
    expect(text).not.toContain('Persona');
    expect(text).not.toContain('Link from');
    expect(text).not.toContain('Refresh');
  });
});
