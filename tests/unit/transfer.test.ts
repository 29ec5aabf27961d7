import { journeyFile } from '../../shared/contracts/transfer';

const base = () => ({
  format: 'journey-map/journey@1',
  journey: { name: 'Repair', slug: 'repair' },
  personas: [{ name: 'Parent', slug: 'parent' }],
  phases: [
    { name: 'Aware', slug: 'aware', funnelBand: 'top', ctas: [{ label: 'Read', persona: 'parent' }] },
    { name: 'Decide', slug: 'decide', funnelBand: 'bottom' },
  ],
  excludedCells: [{ phase: 'decide', persona: 'parent' }],
});

const issues = (file: unknown) => {
  const result = journeyFile.safeParse(file);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('journey model file validation', () => {
  it('accepts a well-formed file and fills defaults', () => {
    const parsed = journeyFile.parse({ ...base(), personas: undefined, excludedCells: undefined, phases: [{ name: 'Aware', slug: 'aware', funnelBand: 'top' }] });
    expect(parsed.personas).toEqual([]);
    expect(parsed.phases[0].ctas).toEqual([]);
    expect(parsed.excludedCells).toEqual([]);
    expect(issues(base())).toEqual([]);
  });

  it('names duplicate slugs and references to unknown phases or personas', () => {
    const file = base();
    file.phases[1].slug = 'aware';
    file.phases[0].ctas![0].persona = 'nobody';
    file.excludedCells = [{ phase: 'gone', persona: 'parent' }];
    expect(issues(file)).toEqual([
      'phases.1.slug: duplicate phase slug "aware"',
      'phases.0.ctas.0.persona: unknown persona "nobody"',
      'excludedCells.0.phase: unknown phase "gone"',
    ]);
  });

  it('refuses another format, unknown keys and out-of-range map values', () => {
    expect(issues({ ...base(), format: 'other' })[0]).toMatch(/^format:/);
    expect(issues({ ...base(), id: 3 })[0]).toMatch(/Unrecognized key/);
    const file = base() as any;
    file.phases[0].emotionScore = 3;
    expect(issues(file)).toEqual(['phases.0.emotionScore: must be between -2 and 2']);
    expect(issues({ ...base(), phases: [] })).toContain('phases: Array must contain at least 1 element(s)');
  });
});
