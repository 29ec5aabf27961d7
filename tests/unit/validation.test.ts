import { errors } from '@strapi/utils';
import { bulkBody, entryQuery, tagsBody } from '../../shared/contracts/tags';
import { contentTypeUid, documentId, locale, queryBoolean, queryInt, slug } from '../../shared/contracts/common';
import { phaseOrder, ctaCreate, journeyCreate } from '../../shared/contracts/journeys';
import { parse } from '../../server/src/validation/parse';
import { auditQuery } from '../../shared/contracts/audit';
import { coverageQuery } from '../../shared/contracts/coverage';
import { defaultSettings, settingsSchema, settingsUpdateSchema } from '../../shared/contracts/settings';

const ID = 'abcdefghijklmnopqrstuvwx';
const ID2 = 'bcdefghijklmnopqrstuvwxy';

/** Runs parse and returns the ValidationError it threw. */
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(errors.ValidationError);
    return e as InstanceType<typeof errors.ValidationError>;
  }
  throw new Error('expected parse to throw');
};

describe('parse', () => {
  it('returns the parsed data with defaults applied', () => {
    expect(parse(tagsBody, { phases: [ID] }, 'body')).toEqual({ phases: [ID], personas: [], cta: null });
  });

  it('throws a ValidationError naming the array index of a bad item', () => {
    const err = failure(() => parse(phaseOrder, { phases: [ID, 'not an id'] }, 'body'));
    expect(err.message).toBe('body.phases.1: must be a documentId');
    expect(err.details).toEqual({ errors: [{ path: 'body.phases.1', message: 'must be a documentId' }] });
  });

  it('names body.phases.0 for a bad first phase', () => {
    const err = failure(() => parse(tagsBody, { phases: ['x'] }, 'body'));
    expect(err.message.startsWith('body.phases.0: ')).toBe(true);
  });

  it('names query.pageSize when it is out of range', () => {
    const err = failure(() => parse(auditQuery, { pageSize: '101' }, 'query'));
    expect(err.message).toBe('query.pageSize: Number must be less than or equal to 100');
  });

  it('joins several issues with "; "', () => {
    const err = failure(() => parse(auditQuery, { page: '0', pageSize: 'ten' }, 'query'));
    expect(err.message).toBe('query.page: Number must be greater than or equal to 1; query.pageSize: must be a whole number');
  });

  it('refuses unknown keys on strict schemas', () => {
    const err = failure(() => parse(tagsBody, { phases: [ID], extra: 1 }, 'body'));
    expect(err.message).toBe("body: Unrecognized key(s) in object: 'extra'");
    failure(() => parse(coverageQuery, { journey: ID, debug: 'true' }, 'query'));
    failure(() => parse(journeyCreate, { name: 'x', id: 3 }, 'body'));
  });

  it('refuses unknown keys in the entry query, and a bad locale', () => {
    expect(parse(entryQuery, { locale: 'ja' }, 'query')).toEqual({ locale: 'ja' });
    expect(failure(() => parse(entryQuery, { locale: 'en', status: 'draft' }, 'query')).message).toBe(
      "query: Unrecognized key(s) in object: 'status'"
    );
    expect(failure(() => parse(entryQuery, { locale: "en' --" }, 'query')).message).toBe('query.locale: must be a locale code like en or ja');
  });

  it('names the missing required field', () => {
    const err = failure(() => parse(bulkBody, { contentType: 'api::article.article', documentIds: [ID], phases: [] }, 'body'));
    expect(err.message).toBe('body.mode: Required');
  });

  it('refuses an empty documentIds list in a bulk body', () => {
    const err = failure(() =>
      parse(bulkBody, { contentType: 'api::article.article', documentIds: [], mode: 'add', phases: [] }, 'body')
    );
    expect(err.message.startsWith('body.documentIds: ')).toBe(true);
  });

  it('refuses a CTA target URL that is not http(s) or a site path', () => {
    const err = failure(() => parse(ctaCreate, { label: 'Go', phase: ID, targetUrl: 'javascript:alert(1)' }, 'body'));
    expect(err.message).toBe('body.targetUrl: must be an http(s) URL or a site path starting with a single / and a path character');
    expect(parse(ctaCreate, { label: 'Go', phase: ID, targetUrl: '/pricing' }, 'body').targetUrl).toBe('/pricing');
  });
});

describe('settingsSchema', () => {
  const valid = { ...defaultSettings, trackedContentTypes: ['api::article.article'], minPerCell: 2, maxPerCell: 5, staleAfterDays: 30, includeDrafts: false };

  it('accepts valid settings, including equal min and max and no max', () => {
    expect(parse(settingsSchema, valid, 'body')).toEqual(valid);
    expect(parse(settingsSchema, { ...valid, maxPerCell: 2 }, 'body').maxPerCell).toBe(2);
    expect(parse(settingsSchema, { ...valid, maxPerCell: null }, 'body').maxPerCell).toBeNull();
  });

  it('refuses maxPerCell below minPerCell', () => {
    const err = failure(() => parse(settingsSchema, { ...valid, minPerCell: 3, maxPerCell: 2 }, 'body'));
    expect(err.message).toBe('body.maxPerCell: maxPerCell must be greater than or equal to minPerCell');
  });

  it('refuses unknown keys, also in a partial update', () => {
    failure(() => parse(settingsSchema, { ...valid, extra: true }, 'body'));
    const err = failure(() => parse(settingsUpdateSchema, { minPerCell: 1, extra: true }, 'body'));
    expect(err.message).toBe("body: Unrecognized key(s) in object: 'extra'");
    expect(parse(settingsUpdateSchema, { minPerCell: 0 }, 'body')).toEqual({ minPerCell: 0 });
  });
});

describe('query string helpers', () => {
  it('queryBoolean parses true/false/1/0 and nothing else', () => {
    expect(queryBoolean.parse('true')).toBe(true);
    expect(queryBoolean.parse('1')).toBe(true);
    expect(queryBoolean.parse('false')).toBe(false);
    expect(queryBoolean.parse('0')).toBe(false);
    expect(queryBoolean.safeParse('yes').success).toBe(false);
    expect(queryBoolean.safeParse(true).success).toBe(false);
  });

  it('queryInt parses whole numbers within range', () => {
    const int = queryInt(1, 100);
    expect(int.parse('1')).toBe(1);
    expect(int.parse('100')).toBe(100);
    expect(int.parse('007')).toBe(7);
    for (const bad of ['0', '101', '-1', '1.5', '1e2', ' 5', '', '1234567890']) {
      expect(int.safeParse(bad).success).toBe(false);
    }
    expect(int.safeParse(5).success).toBe(false);
  });

  it('coverageQuery turns includeDrafts into a boolean', () => {
    expect(parse(coverageQuery, { journey: 'my-journey', includeDrafts: '1' }, 'query')).toEqual({ journey: 'my-journey', includeDrafts: true });
  });
});

describe('identifier schemas refuse SQL and script text', () => {
  const hostile = ["x' OR 1=1 --", '<script>alert(1)</script>', '<script>', 'a;DROP TABLE x', '../etc/passwd', ''];

  it.each([
    ['documentId', documentId, ID],
    ['slug', slug, 'my-journey'],
    ['locale', locale, 'en'],
    ['contentTypeUid', contentTypeUid, 'api::article.article'],
  ])('%s', (_name, schema, valid) => {
    expect(schema.safeParse(valid).success).toBe(true);
    for (const text of hostile) {
      expect(schema.safeParse(text).success).toBe(false);
      if (!text) continue;
      // a valid value with hostile text before or after it is refused too (the patterns are anchored)
      expect(schema.safeParse(`${valid}${text}`).success).toBe(false);
      expect(schema.safeParse(`${text}${valid}`).success).toBe(false);
    }
  });

  it('accept well-formed values', () => {
    expect(documentId.safeParse(ID).success).toBe(true);
    expect(documentId.safeParse(ID.toUpperCase()).success).toBe(false);
    expect(documentId.safeParse('short').success).toBe(false);
    expect(slug.safeParse('see-think-do').success).toBe(true);
    expect(slug.safeParse('Trailing-').success).toBe(false);
    expect(slug.safeParse('a--b').success).toBe(false);
    expect(locale.safeParse('en').success).toBe(true);
    expect(locale.safeParse('zh-Hant-TW').success).toBe(true);
    expect(locale.safeParse('e').success).toBe(false);
    expect(contentTypeUid.safeParse('api::article.article').success).toBe(true);
    expect(contentTypeUid.safeParse('plugin::users-permissions.user').success).toBe(false);
  });

  it('parse names the field for a hostile path value', () => {
    const err = failure(() => parse(bulkBody, { contentType: "api::a.a' OR 1=1 --", documentIds: [ID2], mode: 'add', phases: [] }, 'body'));
    expect(err.message).toBe('body.contentType: must be a content-type UID like api::article.article');
  });
});
