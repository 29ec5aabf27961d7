/**
 * Seeds the benchmark site quickly: the journey model through the admin API (8 phases, 6 personas, CTAs on
 * some phases), then N entries written straight into the site's tables with bulk inserts — one draft row
 * and, when published, one published row per documentId × locale, as Strapi 5 writes them with Draft &
 * Publish and i18n — and about 1.5 tags per entry straight into jm_assignments.
 * Deterministic (seeded PRNG) so runs on different databases see the same data.
 */
const { randomId, prng } = require('./random');

const DAY = 24 * 60 * 60 * 1000;
const LOREM =
  'Our repair team answers the questions customers ask most often: how long a repair takes, what it costs, ' +
  'whether data survives, and how to back up first. Each guide links to the manual and to a booking form. ';

const TYPES = [
  { uid: 'api::article.article', fields: (i) => ({ title: `Smartphone repair guide ${i}`, slug: `guide-${i}`, summary: LOREM.slice(0, 160), body: LOREM.repeat(3), readingMinutes: 1 + (i % 12) }) },
  { uid: 'api::landing-page.landing-page', fields: (i) => ({ title: `Campaign page ${i}`, slug: `campaign-${i}`, headline: 'Fixed in a day', body: LOREM.repeat(3) }) },
  { uid: 'api::faq.faq', fields: (i) => ({ question: `How do I fix problem number ${i}?`, slug: `faq-${i}`, answer: LOREM.repeat(2) }) },
];
const TYPE_UIDS = TYPES.map((t) => t.uid);
const PHASES = ['Awareness', 'Interest', 'Consideration', 'Evaluation', 'Decision', 'Purchase', 'Retention', 'Advocacy'];
const PERSONAS = ['Busy parent', 'Tech enthusiast', 'Small business owner', 'Student', 'Retiree', 'IT manager'];
/** Phases (by index) that get a CTA; the others are flagged phaseWithoutCta in the audit. */
const PHASES_WITH_CTA = [1, 2, 4, 5, 7];

/** The journey, phases, personas and CTAs, created through the admin API like an admin would. */
async function seedJourney(api) {
  await api.put('/journey-map/settings', { trackedContentTypes: TYPE_UIDS, staleAfterDays: 365, includeDrafts: false });
  const personas = [];
  for (const name of PERSONAS) personas.push((await api.post('/journey-map/personas', { name })).data.documentId);
  const journey = (await api.post('/journey-map/journeys', { name: 'Benchmark journey', personas })).data;
  const phases = [];
  for (const name of PHASES) phases.push((await api.post('/journey-map/phases', { journey: journey.documentId, name })).data.documentId);
  for (const index of PHASES_WITH_CTA) {
    await api.post('/journey-map/ctas', { label: `Next step after ${PHASES[index]}`, phase: phases[index], actionType: 'download', kpiMetric: 'downloads', kpiTarget: 100, kpiPeriod: 'month' });
  }
  return { documentId: journey.documentId, slug: journey.slug, phases, personas };
}

async function ensureJapanese(strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('ja'))) await locales.create({ code: 'ja', name: 'Japanese (ja)', isDefault: false });
}

/** The entries (documentId × locale) to create: types round-robin, every other document also in Japanese. */
function planEntries(count, random) {
  const entries = [];
  for (let doc = 0; entries.length < count; doc += 1) {
    const type = doc % TYPES.length;
    const documentId = randomId(random);
    const locales = Math.floor(doc / TYPES.length) % 2 === 0 ? ['en', 'ja'] : ['en'];
    for (const locale of locales) {
      if (entries.length >= count) break;
      // Up to two years old, but never within two days of the 365-day staleness cutoff, so no entry turns
      // stale while the run compares the three ways of counting.
      let age = Math.floor(random() * 730 * DAY);
      if (Math.abs(age - 365 * DAY) < 2 * DAY) age += 4 * DAY;
      const updatedAt = new Date(Date.now() - age);
      entries.push({ type, doc, documentId, locale, updatedAt, published: random() < 0.8 });
    }
  }
  return entries;
}

/** 0–3 tags (20/30/30/20 %: 1.5 on average), distinct phases, a third of them for all personas. */
function planTags(entry, journey, random) {
  const roll = random();
  const n = roll < 0.2 ? 0 : roll < 0.5 ? 1 : roll < 0.8 ? 2 : 3;
  const phases = [...journey.phases].sort(() => random() - 0.5).slice(0, n);
  return phases.map((phase) => ({
    phase,
    persona: random() < 0.35 ? '' : journey.personas[Math.floor(random() * journey.personas.length)],
  }));
}

async function insertInBatches(trx, table, rows, size) {
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
}

async function seedContent(strapi, journey, count, log) {
  const random = prng(20261124);
  const knex = strapi.db.connection;
  const entries = planEntries(count, random);
  const rowsByType = TYPES.map(() => []);
  const tags = [];
  const now = new Date();
  const columnsOf = (uid) => {
    const meta = strapi.db.metadata.get(uid);
    return { table: meta.tableName, column: (attr) => meta.attributes[attr].columnName };
  };
  const metas = TYPES.map((t) => columnsOf(t.uid));
  for (const e of entries) {
    const type = TYPES[e.type];
    const { column } = metas[e.type];
    const fields = Object.fromEntries(Object.entries(type.fields(e.doc)).map(([k, v]) => [column(k), e.locale === 'ja' && typeof v === 'string' && k !== 'slug' ? `${v} (ja)` : v]));
    const base = { document_id: e.documentId, locale: e.locale, ...fields, created_at: e.updatedAt, updated_at: e.updatedAt };
    rowsByType[e.type].push({ ...base, published_at: null });
    if (e.published) rowsByType[e.type].push({ ...base, published_at: e.updatedAt });
    for (const t of planTags(e, journey, random)) {
      tags.push({
        document_id: randomId(random),
        content_type: type.uid,
        entry_document_id: e.documentId,
        entry_locale: e.locale,
        journey_id: journey.documentId,
        phase_id: t.phase,
        persona_id: t.persona,
        cta_id: null,
        // The plugin marks each entry's first tag per phase; planTags gives an entry distinct phases.
        first_in_phase: true,
        created_at: now,
        updated_at: now,
        published_at: now,
      });
    }
  }
  // One audit first, as on a site where the plugin has run before the import: it records the phases
  // without a CTA, which the repair below then writes into the entries' flags as it copies them.
  await strapi.plugin('journey-map').service('audit').list({});
  const batch = strapi.db.dialect.client === 'sqlite' ? 400 : 1000;
  const timer = Date.now();
  await knex.transaction(async (trx) => {
    for (let i = 0; i < TYPES.length; i += 1) await insertInBatches(trx, metas[i].table, rowsByType[i], batch);
    await insertInBatches(trx, 'jm_assignments', tags, batch);
  });
  const inserted = Date.now();
  // The rows went in around Strapi, as an import script's would: the plugin's hourly repair (run here at
  // once) rebuilds its copy of the entries' state and stamps the tags, as it would on such a site.
  const rebuilt = await strapi.plugin('journey-map').service('entryStates').repair();
  const resynced = Date.now();
  log?.(`entry states rebuilt for ${rebuilt.length} types in ${((resynced - inserted) / 1000).toFixed(1)} s`);
  // Fresh statistics so the query planners see the seeded volumes, as they would on a live site; on
  // PostgreSQL a vacuum too, as autovacuum soon would, so index-only scans see an up-to-date visibility map.
  const tables = [...metas.map((m) => m.table), 'jm_assignments', 'jm_entry_states'];
  if (strapi.db.dialect.client === 'postgres') await knex.raw(`vacuum analyze ${tables.map((t) => `"${t}"`).join(', ')}`);
  else if (strapi.db.dialect.client === 'mysql') await knex.raw(`analyze table ${tables.map((t) => `\`${t}\``).join(', ')}`);
  else await knex.raw('analyze');
  log?.(`inserted in ${((inserted - timer) / 1000).toFixed(1)} s, analyzed in ${((Date.now() - resynced) / 1000).toFixed(1)} s`);
  const sample = entries.filter((e) => e.type === 0 && e.locale === 'en').slice(0, 10).map((e) => e.documentId);
  return { entries: entries.length, contentRows: rowsByType.reduce((n, r) => n + r.length, 0), tags: tags.length, sample, resyncSeconds: (resynced - inserted) / 1000 };
}

module.exports = { seedJourney, seedContent, ensureJapanese, TYPE_UIDS, planEntries, planTags };
