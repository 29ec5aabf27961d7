import { compilePattern, normaliseLink, normalisePath, patternFields, renderPattern } from '../../server/src/analytics/paths';
import { recognise, fromMapping } from '../../server/src/analytics/formats';
import { cellsOf, rowSchema, seconds, isRealDay } from '../../server/src/analytics/cells';

describe('analytics import: paths, patterns, formats, cells', () => {
  it('normalises a page to one spelling', () => {
    expect(normalisePath('https://Shop.example/Blog/caf%C3%A9/?utm=x#top')).toBe('/Blog/café');
    expect(normalisePath('/articles//a/')).toBe('/articles/a');
    expect(normalisePath('articles/a')).toBe('/articles/a');
    expect(normalisePath('https://kumo.example')).toBe('/');
    expect(normalisePath('/100%')).toBe('/100%');
    expect(normalisePath('  ')).toBeNull();
    expect(normaliseLink('https://KUMO.example/Manual.pdf?v=2#page=3')).toBe('https://kumo.example/Manual.pdf?v=2');
  });

  it('compiles and renders URL patterns', () => {
    const p = compilePattern('/{locale}/products/{slug}');
    if ('error' in p) throw new Error(p.error);
    expect(patternFields(p.parts)).toEqual(['slug']);
    expect(renderPattern(p.parts, { slug: 'kumo-x3' }, 'ja')).toBe('/ja/products/kumo-x3');
    expect(renderPattern(p.parts, { slug: 'a/b' }, 'ja')).toBeNull();
    expect(renderPattern(p.parts, { slug: null }, 'ja')).toBeNull();
    const full = compilePattern('{fullPath:path}');
    if ('error' in full) throw new Error(full.error);
    expect(renderPattern(full.parts, { fullPath: 'help/repair/screens/' }, '')).toBe('/help/repair/screens');
    expect(compilePattern('blog/{slug}')).toEqual({ error: 'must start with / or a placeholder' });
    expect(compilePattern('/blog')).toEqual({ error: 'needs a placeholder such as {slug}' });
    expect(compilePattern('/blog/{slug}?x')).toEqual({ error: 'must be a path, without ? or #' });
    expect(compilePattern('/blog/{sl ug}')).toEqual({ error: 'placeholders are written {field} or {field:path}' });
  });

  it('recognises each tool from its header row', () => {
    expect(recognise(['Page path and screen class', 'Views', 'Active users', 'Average engagement time per active user', 'Key events'], 'auto')?.id).toBe('ga4-pages');
    expect(recognise(['Event name', 'Link URL', 'Date', 'Event count'], 'auto')?.id).toBe('ga4-events');
    expect(recognise(['date', 'hostname', 'page', 'visits', 'visitors', 'pageviews'], 'auto')?.id).toBe('plausible-export-pages');
    expect(recognise(['date', 'name', 'link_url', 'path', 'visitors', 'events'], 'auto')?.id).toBe('plausible-export-events');
    expect(recognise(['name', 'visitors', 'pageviews', 'bounce_rate', 'time_on_page'], 'auto')?.id).toBe('plausible-dashboard-pages');
    expect(recognise(['name', 'conversions', 'conversion_rate'], 'auto')?.id).toBe('plausible-dashboard-goal-pages');
    expect(recognise(['name', 'unique_conversions', 'total_conversions'], 'auto')?.id).toBe('plausible-dashboard-conversions');
    expect(recognise(['label', 'nb_visits', 'nb_hits', 'sum_time_spent', 'url'], 'auto')).toMatchObject({ id: 'matomo-pages', engagedAs: 'total', names: { path: 'url' } });
    expect(recognise(['label', 'nb_visits', 'nb_hits', 'avg_time_on_page'], 'auto')).toMatchObject({ id: 'matomo-pages', engagedAs: 'perView', names: { path: 'label' } });
    expect(recognise(['label', 'nb_uniq_visitors', 'nb_visits', 'nb_events'], 'auto')?.id).toBe('matomo-events');
    expect(recognise(['Page path and screen class', 'Views'], 'matomo')).toBeNull();
    expect(fromMapping(['URL', 'Hits'], { path: 'URL', views: 'Hits' })).toMatchObject({ id: 'generic', kind: 'pages', columns: { path: 0, views: 1 } });
    expect(fromMapping(['URL'], { path: 'URL', views: 'Hits' })).toEqual({ missing: [{ role: 'views', column: 'Hits' }] });
  });

  it('checks cells with zod and reads durations and days', () => {
    const format = recognise(['Page path and screen class', 'Date', 'Views', 'Active users', 'Average engagement time'], 'auto')!;
    const schema = rowSchema(format);
    expect(schema.safeParse(cellsOf(format, ['/a', '20261130', '12', '', '1m 5s'])).success).toBe(true);
    const bad = schema.safeParse(cellsOf(format, ['/a', '20261130', '1,2', '3', '4']));
    expect(bad.success ? null : bad.error.issues.map((i) => [i.path[0], i.message])).toEqual([['views', 'is not a number']]);
    expect(schema.safeParse(cellsOf(format, ['/a', '20261131', '1', '1', '1'])).success).toBe(false);
    expect(isRealDay('2028-02-29')).toBe(true);
    expect(isRealDay('2026-02-29')).toBe(false);
    expect([seconds('83.5'), seconds('1:23'), seconds('00:01:23'), seconds('1h 2m 3s'), seconds('')]).toEqual([83.5, 83, 83, 3723, 0]);
  });
});
