import { errors } from '@strapi/utils';
import { DECIMAL_COLUMN, boundedInt, decimal, isStorableText, longText, shortText, stringList } from '../../shared/contracts/common';
import { ctaCreate, personaCreate } from '../../shared/contracts/journeys';
import { kpiValueBody } from '../../shared/contracts/measure';
import { parse } from '../../server/src/validation/parse';
import { answerError, statusOf } from '../../server/src/controllers/respond';

const messageOf = (schema: any, input: unknown) => {
  try {
    parse(schema, input, 'body');
  } catch (e: any) {
    return e.message as string;
  }
  return null;
};

describe('storable text', () => {
  it.each([
    ['plain', true],
    ['日本語 and emoji 😀', true],
    ['a\u0000b', false],
    ['lone high \uD800 surrogate', false],
    ['lone low \uDC00 surrogate', false],
    ['reversed pair \uDE00\uD83D', false],
    ['trailing high \uD83D', false],
    ['', true],
  ])('%j storable: %s', (value, expected) => {
    expect(isStorableText(value)).toBe(expected);
    expect(longText.safeParse(value).success).toBe(expected);
    expect(shortText(100).safeParse(value).success).toBe(expected);
    expect(stringList.safeParse([value || 'x']).success).toBe(expected);
  });

  it('names the field and the reason', () => {
    expect(messageOf(personaCreate, { name: 'a\u0000b' })).toBe('body.name: must not contain NUL characters (\\u0000)');
    expect(messageOf(personaCreate, { name: 'ok', goals: 'x\uD800' })).toBe('body.goals: must be valid Unicode text (no lone UTF-16 surrogates)');
    expect(messageOf(personaCreate, { name: 'ok', preferredChannels: ['email', 'a\u0000'] })).toBe('body.preferredChannels.1: must not contain NUL characters (\\u0000)');
  });

  it('checks 100 kB in one linear pass', () => {
    const big = 'x'.repeat(100_000) + '\uD800';
    const started = process.hrtime.bigint();
    expect(isStorableText(big)).toBe(false);
    expect(isStorableText('😀'.repeat(50_000))).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});

describe('bounded numbers', () => {
  it('keeps decimals inside decimal(10,2) and names the range', () => {
    expect(decimal().safeParse(DECIMAL_COLUMN.max).success).toBe(true);
    expect(decimal().safeParse(-DECIMAL_COLUMN.max).success).toBe(true);
    expect(messageOf(ctaCreate, { label: 'x', phase: 'abcdefghijklmnopqrstuvwx', kpiTarget: 1000000000 })).toBe(
      'body.kpiTarget: must be between -99999999.99 and 99999999.99'
    );
    expect(messageOf(kpiValueBody, { cta: 'abcdefghijklmnopqrstuvwx', date: '2026-01-01', value: 100000000 })).toBe(
      'body.value: must be between -99999999.99 and 99999999.99'
    );
    expect(messageOf(kpiValueBody, { cta: 'abcdefghijklmnopqrstuvwx', date: '2026-01-01', value: 99999999.995 })).toMatch(/^body\.value: must be between/);
  });

  it('keeps integers inside a 32-bit column', () => {
    expect(() => boundedInt(0, 2 ** 31)).toThrow(/exceeds an integer column/);
    expect(boundedInt(-2, 2).safeParse(1.5).success).toBe(false);
    expect(messageOf(personaCreate, { name: 'x', priority: 1e15 })).toBe('body.priority: must be between 0 and 1000');
  });
});

describe('errors answered by name, not by class', () => {
  // Stands for an error class of another copy of @strapi/utils: same name and shape, another prototype.
  class ForeignValidationError extends Error {
    details = { errors: [] };
    constructor(message: string) {
      super(message);
      this.name = 'ValidationError';
    }
  }

  it('maps names and http statuses, leaves unexpected errors to Strapi', () => {
    expect(statusOf(new ForeignValidationError('x'))).toBe(400);
    expect(statusOf(new errors.NotFoundError('x'))).toBe(404);
    expect(statusOf(Object.assign(new Error('x'), { name: 'ConflictError' }))).toBe(409);
    expect(statusOf(Object.assign(new Error('too big'), { status: 413, expose: true }))).toBe(413);
    expect(statusOf(new TypeError('boom'))).toBeNull();
    expect(statusOf(Object.assign(new Error('db'), { status: 500 }))).toBeNull();
    expect(statusOf({ name: 'ValidationError' })).toBeNull();
  });

  it('answers in Strapi\'s error shape', () => {
    const ctx: any = {};
    expect(answerError(ctx, new ForeignValidationError('body.name: bad'))).toBe(true);
    expect(ctx.status).toBe(400);
    expect(ctx.body).toEqual({ data: null, error: { status: 400, name: 'ValidationError', message: 'body.name: bad', details: { errors: [] } } });
  });
});
