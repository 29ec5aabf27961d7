import { FUNNEL_BANDS } from '../../shared/contracts/journeys';
import { PRESETS, PRESET_IDS, slugify } from '../../server/src/presets';

describe('PRESETS', () => {
  it('contains exactly the six documented presets, in order', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['default', 'aidma', 'aisas', '5a', 'see-think-do-care', 'tofu-mofu-bofu']);
    expect(PRESET_IDS).toEqual(PRESETS.map((p) => p.id));
  });

  it('has unique ids', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s has a name, at least 3 phases and valid funnel bands', (_id, preset) => {
    expect(preset.name.length).toBeGreaterThan(0);
    expect(preset.phases.length).toBeGreaterThanOrEqual(3);
    for (const phase of preset.phases) {
      expect(FUNNEL_BANDS).toContain(phase.funnelBand);
      expect(phase.name.trim()).not.toBe('');
    }
  });

  it('has phase names unique within each preset (so their slugs do not clash)', () => {
    for (const preset of PRESETS) {
      const slugs = preset.phases.map((p) => slugify(p.name));
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });

  it('lists the default lifecycle phases in order', () => {
    expect(PRESETS[0].phases.map((p) => [p.name, p.funnelBand])).toEqual([
      ['Awareness', 'top'],
      ['Consideration', 'middle'],
      ['Decision', 'bottom'],
      ['Purchase', 'bottom'],
      ['Retention', 'post-purchase'],
      ['Advocacy', 'post-purchase'],
    ]);
  });
});

describe('slugify', () => {
  it('lowercases and joins words with single dashes', () => {
    expect(slugify('Top of Funnel')).toBe('top-of-funnel');
    expect(slugify('  See / Think & Do!! ')).toBe('see-think-do');
    expect(slugify('A__B--C')).toBe('a-b-c');
  });

  it('strips accents', () => {
    expect(slugify('Éducation Préférée')).toBe('education-preferee');
    expect(slugify('Crème brûlée')).toBe('creme-brulee');
  });

  it("falls back to 'item' for text without latin letters or digits", () => {
    expect(slugify('認知')).toBe('item');
    expect(slugify('!!!')).toBe('item');
    expect(slugify('')).toBe('item');
  });

  it('keeps latin parts of mixed text', () => {
    expect(slugify('5A 認知 Aware')).toBe('5a-aware');
  });

  it('cuts to 110 characters (room for a "-2" suffix) and never ends with a dash', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(110));
    const words = slugify('word '.repeat(50));
    expect(words.length).toBeLessThanOrEqual(110);
    expect(words).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
