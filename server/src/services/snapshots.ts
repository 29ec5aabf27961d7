import type { Core } from '@strapi/strapi';
import { EntryScope } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE, newDocumentId } from '../repositories/assignments';
import { NotFoundError, ValidationError } from '../utils/errors';
import { parse } from '../validation/parse';
import { snapshotCompareQuery, snapshotCreate, snapshotListQuery } from '../validation/snapshots';
import { compareSnapshots, entryKey, type EntryRef, type SnapshotPayload, type SnapshotSummary } from './snapshot-diff';

export const SNAPSHOTS_TABLE = 'jm_snapshots';
/** At most this many untagged (and stale) entries are kept per snapshot; beyond it the lists are cut. */
const MAX_LISTED = 5000;
const PAGE = 100;

/** Unique-index violations: another instance (or a concurrent run) stored the same daily snapshot first. */
const isUniqueViolation = (error: any) =>
  error?.code === '23505' || error?.errno === 1062 || String(error?.code ?? '').startsWith('SQLITE_CONSTRAINT');

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const toIso = (v: unknown) => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as any));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
/** The UTC calendar day of a date, YYYY-MM-DD: the key of "one daily snapshot per journey per day". */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

const LIST_COLUMNS = ['document_id', 'journey_id', 'journey_name', 'taken_at', 'note', 'kind', 'day', 'summary'];
const toListItem = (r: any) => ({
  documentId: r.document_id as string,
  journey: { documentId: r.journey_id as string, name: (r.journey_name as string) ?? null },
  takenAt: toIso(r.taken_at),
  note: (r.note as string) || null,
  kind: r.kind as 'manual' | 'daily',
  day: (r.day as string) || null,
  summary: json(r.summary) as SnapshotSummary,
});

/**
 * Snapshots: a dated copy of one journey's coverage matrix and audit counts, with the keys of its
 * untagged, stale and tagged entries so that two snapshots compare entry by entry. Rows are written with
 * the query builder so that the daily snapshot's unique index (journey, kind, day) decides, across
 * every Strapi instance sharing the database, which run stores the day's snapshot.
 */
const snapshotsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const knex = () => strapi.db.connection;

  /** Every entry of one audit flag for a journey, page by page through the audit service. */
  async function flagged(journeyId: string, flag: 'untagged' | 'stale') {
    const out: EntryRef[] = [];
    for (let page = 1; out.length < MAX_LISTED; page += 1) {
      const res = await plugin()
        .service('audit')
        .list({ journey: journeyId, flag, sort: 'title:asc', page: String(page), pageSize: String(PAGE) }, EntryScope.everything(strapi));
      for (const r of res.data) out.push([r.contentType, r.documentId, r.locale ?? '', String(r.title ?? '').slice(0, 200)]);
      if (page >= res.meta.pagination.pageCount) return { refs: out, truncated: false };
    }
    return { refs: out.slice(0, MAX_LISTED), truncated: true };
  }

  async function capture(journeyRef: string) {
    const journey = await plugin().service('model').getJourney(journeyRef);
    const [coverage, audit, untagged, stale, taggedRows] = await Promise.all([
      plugin().service('coverage').matrix({ journey: journey.documentId }),
      plugin().service('audit').list({ journey: journey.documentId, pageSize: '1' }, EntryScope.everything(strapi)),
      flagged(journey.documentId, 'untagged'),
      flagged(journey.documentId, 'stale'),
      knex()(ASSIGNMENTS_TABLE).distinct('content_type', 'entry_document_id', 'entry_locale').where('journey_id', journey.documentId),
    ]);
    const payload: SnapshotPayload = {
      version: 1,
      phases: coverage.phases.map((p: any) => ({ documentId: p.documentId, name: p.name, position: p.position, entries: p.entries, flags: p.flags })),
      personas: coverage.personas.map((p: any) => ({ documentId: p.documentId, name: p.name })),
      cells: coverage.cells,
      untagged: untagged.refs,
      stale: stale.refs,
      tagged: (taggedRows as any[]).map((r) => entryKey(r.content_type, r.entry_document_id, r.entry_locale)),
      truncated: untagged.truncated || stale.truncated,
    };
    const summary: SnapshotSummary = { counts: audit.meta.counts, totals: { ...coverage.totals, entries: audit.meta.pagination.total } };
    return { journey, payload, summary };
  }

  async function insert(row: { journey: any; payload: SnapshotPayload; summary: SnapshotSummary; note: string | null; kind: 'manual' | 'daily'; day: string | null; at: Date }) {
    const documentId = newDocumentId();
    await knex()(SNAPSHOTS_TABLE).insert({
      document_id: documentId,
      journey_id: row.journey.documentId,
      journey_name: String(row.journey.name ?? '').slice(0, 120),
      taken_at: row.at,
      note: row.note,
      kind: row.kind,
      day: row.day,
      summary: JSON.stringify(row.summary),
      payload: JSON.stringify(row.payload),
      created_at: row.at,
      updated_at: row.at,
      published_at: row.at,
    });
    return documentId;
  }

  async function load(id: string) {
    const row = await knex()(SNAPSHOTS_TABLE).where('document_id', id).first();
    if (!row) throw new NotFoundError(`snapshot ${id} not found`);
    return { ...toListItem(row), payload: json(row.payload) as SnapshotPayload };
  }

  return {
    async list(query: unknown) {
      const q = parse(snapshotListQuery, query, 'query');
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const journeyId = q.journey ? (await plugin().service('model').getJourney(q.journey)).documentId : null;
      const scoped = () => {
        const b = knex()(SNAPSHOTS_TABLE);
        if (journeyId) b.where('journey_id', journeyId);
        return b;
      };
      const [rows, total] = await Promise.all([
        scoped().select(LIST_COLUMNS).orderBy([{ column: 'taken_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(pageSize).offset((page - 1) * pageSize),
        scoped().count({ count: '*' }).first(),
      ]);
      const count = Number((total as any)?.count ?? 0);
      return { data: rows.map(toListItem), meta: { pagination: { page, pageSize, pageCount: Math.ceil(count / pageSize), total: count } } };
    },

    /**
     * A snapshot stores every entry; the caller sees those it may read now (`readable`). The counts and
     * `entries.tagged` stay as stored: aggregates of every entry at the time.
     */
    async get(id: string, readable: EntryScope) {
      const { payload, ...meta } = await load(id);
      const { untagged, stale, tagged, ...matrix } = payload;
      const [shownUntagged, shownStale] = await Promise.all([readable.keepReadable(untagged.map(refOut)), readable.keepReadable(stale.map(refOut))]);
      return { ...meta, coverage: matrix, entries: { untagged: shownUntagged.map(withNullLocale), stale: shownStale.map(withNullLocale), tagged: tagged.length } };
    },

    async take(body: unknown) {
      const data = parse(snapshotCreate, body, 'body');
      const { journey, payload, summary } = await capture(data.journey);
      const id = await insert({ journey, payload, summary, note: data.note || null, kind: 'manual', day: null, at: plugin().service('clock').now() });
      return toListItem(await knex()(SNAPSHOTS_TABLE).select(LIST_COLUMNS).where('document_id', id).first());
    },

    async remove(id: string) {
      const deleted = await knex()(SNAPSHOTS_TABLE).where('document_id', id).del();
      if (!deleted) throw new NotFoundError(`snapshot ${id} not found`);
      return { deleted: id };
    },

    async compare(query: unknown, readable: EntryScope) {
      const q = parse(snapshotCompareQuery, query, 'query');
      const [from, to] = await Promise.all([load(q.from), load(q.to)]);
      if (from.journey.documentId !== to.journey.documentId) {
        throw new ValidationError('query.to: both snapshots must be of the same journey');
      }
      const { payload: _f, ...fromMeta } = from;
      const { payload: _t, ...toMeta } = to;
      const diff = compareSnapshots(from, to);
      const [entriesTagged, entriesGoneStale] = await Promise.all([readable.keepReadable(diff.entriesTagged.map(keyed)), readable.keepReadable(diff.entriesGoneStale.map(keyed))]);
      return { from: fromMeta, to: toMeta, ...diff, entriesTagged: entriesTagged.map(withNullLocale), entriesGoneStale: entriesGoneStale.map(withNullLocale) };
    },

    /**
     * The daily snapshot: when the setting is on, one snapshot per journey per UTC day. Safe to run on
     * several instances at once: the unique index (journey, kind, day) lets one insert win; the others
     * fail on it and are ignored. The day is the clock's UTC day.
     */
    async runDaily(now: Date = plugin().service('clock').now()) {
      const settings = await plugin().service('settings').get();
      const day = utcDay(now);
      if (!settings.dailySnapshot) return { day, enabled: false, taken: [] as string[], skipped: 0 };
      const journeys: any[] = await plugin().service('model').listJourneys();
      const taken: string[] = [];
      let skipped = 0;
      for (const j of journeys) {
        const exists = await knex()(SNAPSHOTS_TABLE).select('id').where({ journey_id: j.documentId, kind: 'daily', day }).first();
        if (exists) {
          skipped += 1;
          continue;
        }
        try {
          const { journey, payload, summary } = await capture(j.documentId);
          taken.push(await insert({ journey, payload, summary, note: null, kind: 'daily', day, at: now }));
        } catch (error) {
          skipped += 1;
          // Another run stored this day's snapshot first; any other failure is logged, the other journeys go on.
          if (!isUniqueViolation(error)) strapi.log.error(`[journey-map] daily snapshot of ${j.documentId} failed: ${(error as Error).message}`);
        }
      }
      return { day, enabled: true, taken, skipped };
    },
  };
};

/** Entries keyed as the permission scope keys them (locale '' for types without i18n)... */
const refOut = (r: EntryRef) => ({ contentType: r[0], documentId: r[1], locale: r[2], title: r[3] || null });
const keyed = (r: { contentType: string; documentId: string; locale: string | null; title: string | null }) => ({ ...r, locale: r.locale ?? '' });
/** ...and as the API answers them (locale null). */
const withNullLocale = <T extends { locale: string }>(r: T) => ({ ...r, locale: r.locale || null });

export default snapshotsService;
