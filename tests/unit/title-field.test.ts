import { pickTitleField, titleFieldChoices } from '../../server/src/services/title-field';

const i18nPage = {
  locale: { type: 'string' },
  documentId: { type: 'string' },
  sections: { type: 'dynamiczone' },
  seo: { type: 'component' },
  createdBy: { type: 'relation' },
};

describe('pickTitleField', () => {
  it('uses the field chosen in Settings first, when it is a text field of the type', () => {
    const attrs = { title: { type: 'string' }, slug: { type: 'uid' } };
    expect(pickTitleField(attrs, { chosen: 'slug', contentManagerMainField: 'title' })).toBe('slug');
    expect(pickTitleField(attrs, { chosen: 'gone', contentManagerMainField: 'title' })).toBe('title');
  });

  it("uses the Content Manager's main field when it is a text field, never documentId or locale", () => {
    const attrs = { name: { type: 'string' }, code: { type: 'string' }, locale: { type: 'string' } };
    expect(pickTitleField(attrs, { contentManagerMainField: 'code' })).toBe('code');
    expect(pickTitleField(attrs, { contentManagerMainField: 'documentId' })).toBe('name');
    expect(pickTitleField(attrs, { contentManagerMainField: 'locale' })).toBe('name');
  });

  it('prefers title-like names in their order (question before slug), whatever their case', () => {
    expect(pickTitleField({ slug: { type: 'uid' }, question: { type: 'text' }, answer: { type: 'blocks' } })).toBe('question');
    expect(pickTitleField({ code: { type: 'string' }, Heading: { type: 'string' } })).toBe('Heading');
    expect(pickTitleField({ sku: { type: 'string' }, slug: { type: 'uid' } })).toBe('slug');
  });

  it('falls back to the first short text field that is not a system field, then to documentId', () => {
    expect(pickTitleField({ locale: { type: 'string' }, body: { type: 'text' }, sku: { type: 'string' } })).toBe('sku');
    expect(pickTitleField(i18nPage)).toBe('documentId');
    expect(pickTitleField({ price: { type: 'decimal' }, body: { type: 'text' } })).toBe('documentId');
  });

  it('never picks a private field', () => {
    const attrs = { internalNote: { type: 'string', private: true }, title: { type: 'string', private: true }, ref: { type: 'string' } };
    expect(titleFieldChoices(attrs)).toEqual(['ref']);
    expect(pickTitleField(attrs, { chosen: 'title', contentManagerMainField: 'internalNote' })).toBe('ref');
  });
});
