import { errors } from '@strapi/utils';
import { ctaCreate } from '../../shared/contracts/journeys';
import { parse } from '../../server/src/validation/parse';
import { isTargetUrl } from '../../shared/contracts/url';
import { spreadsheetSafe } from '../../server/src/utils/csv';

const ID = 'abcdefghijklmnopqrstuvwx';

describe('CTA target URLs', () => {
  const accepted = [
    'https://shop.example.com/manual.pdf',
    'http://example.com',
    'HTTPS://Example.com/Path?q=1#top',
    '/',
    '/pricing',
    '/broken-phone-manual?utm_source=map#download',
    '/ja/%E4%BF%AE%E7%90%86',
    '/@team/page',
  ];
  const refused = [
    '//evil.example/phish',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/ /evil.example',
    '/?next=1',
    '/#top',
    '/%zz',
    'pricing',
    './pricing',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https:evil.example',
    'https:/evil.example',
    'https:///evil.example',
    'ftp://example.com/file',
    'https://exa mple.com',
    'https://example.com/\\evil',
    ' https://example.com',
    '',
  ];

  it.each(accepted)('accepts %j', (url) => {
    expect(isTargetUrl(url)).toBe(true);
    expect(parse(ctaCreate, { label: 'Go', phase: ID, targetUrl: url }, 'body').targetUrl).toBe(url);
  });

  it.each(refused)('refuses %j with a 400 naming body.targetUrl', (url) => {
    expect(isTargetUrl(url)).toBe(false);
    let error: unknown;
    try {
      parse(ctaCreate, { label: 'Go', phase: ID, targetUrl: url }, 'body');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect((error as Error).message).toBe('body.targetUrl: must be an http(s) URL or a site path starting with a single / and a path character');
  });
});

describe('spreadsheetSafe', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes a cell starting with %j', (first) => {
    expect(spreadsheetSafe(`${first}SUM(1)`)).toBe(`'${first}SUM(1)`);
  });
  it('leaves other cells alone, a dangerous character further in included', () => {
    for (const value of ['', 'Cracked screen', 'A-1', 'a=b', ' =1', "'=1", '修理']) expect(spreadsheetSafe(value)).toBe(value);
  });
});
