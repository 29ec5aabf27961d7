import { localesOnly } from '../../server/src/permissions/entries';

describe('localesOnly (which rules need no per-entry work)', () => {
  it('reads the locale limit the i18n plugin adds to a rule', () => {
    expect(localesOnly({ $and: [{ locale: { $in: ['ja'] } }] })).toEqual(['ja']);
    expect(localesOnly({ locale: { $in: ['en', 'ja'] } })).toEqual(['en', 'ja']);
  });

  it('intersects several locale limits of one rule', () => {
    expect(localesOnly({ $and: [{ locale: { $in: ['en', 'ja'] } }, { locale: { $in: ['ja', 'fr'] } }] })).toEqual(['ja']);
    expect(localesOnly({ $and: [{ locale: { $in: [] } }] })).toEqual([]);
  });

  it('answers null as soon as any other condition applies', () => {
    expect(localesOnly({ $and: [{ $or: [{ 'createdBy.id': 3 }] }, { locale: { $in: ['ja'] } }] })).toBeNull();
    expect(localesOnly({ $and: [{ locale: { $in: ['ja'] }, status: 'x' }] })).toBeNull();
    expect(localesOnly({ $and: [{ locale: { $eq: 'ja' } }] })).toBeNull();
    expect(localesOnly({ $and: [{ locale: { $in: ['ja'], $ne: 'en' } }] })).toBeNull();
    expect(localesOnly({ 'createdBy.id': 3 })).toBeNull();
  });
});
