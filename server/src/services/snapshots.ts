import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { EntryScope } from '../permissions/entries';
import { auditRepository, type FlaggedEntry } from '../repositories/audit';
import { isUniqueViolation, snapshotsRepository, type NewSnapshot } from '../repositories/snapshots';
import { NotFoundError, ValidationError } from '../utils/errors';
import { inTransaction } from '../db/transaction';
import type { AuditFlag } from '../../../shared/contracts/audit';
import type {
  Comparison,
  EntryRef,
  SnapshotCompareQuery,
  SnapshotCreate,
  SnapshotDeleted,
  SnapshotDetail,
  SnapshotItem,
  SnapshotList,
  SnapshotListQuery,
} from '../../../shared/contracts/snapshots';
import { compareSnapshots, entryKey, type SnapshotPayload, type SnapshotSummary, type StoredEntry } from './snapshot-diff';

/** At most this many untagged (and stale) entries are kept per snapshot; beyond it the lists are cut. */
const MAX_LISTED = 5000;

/** The UTC calendar day of a date, YYYY-MM-DD: the key of "one daily snapshot per journey per day". */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

const stored = (e: FlaggedEntry): StoredEntry => [e.contentType, e.documentId, e.locale, String(e.title ?? '').slice(0, 200)];

/**
 * Snapshots: a dated copy of one journey's coverage matrix and audit counts, with the keys of its
 * untagged, stale and tagged entries so that two snapshots compare entry by entry (snapshot-diff).
 * Stored by repositories/snapshots, whose unique index lets one daily snapshot per journey and day win.
 */
const snapshotsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => snapshotsRepository(strapi);

  /** Every entry of one audit flag for a journey, at most MAX_LISTED. */
  async function flagged(journeyId: string, flag: AuditFlag) {
    const { entries, truncated } = await getService(strapi, 'audit').flaggedEntries(journeyId, flag, MAX_LISTED);
    return { refs: entries.map(stored), truncated };
  }

  async function capture(journeyRef: string) {
    const journey = await getService(strapi, 'journeys').getJourney(journeyRef);
    const [coverage, audit, untagged, stale, tagged] = await Promise.all([
      getService(strapi, 'coverage').matrix({ journey: journey.documentId }),
      getService(strapi, 'audit').flagCounts(journey.documentId),
      flagged(journey.documentId, 'untagged'),
      flagged(journey.documentId, 'stale'),
      auditRepository(strapi).taggedIn(journey.documentId),
    ]);
    const payload: SnapshotPayload = {
      version: 1,
      phases: coverage.phases.map((p) => ({ documentId: p.documentId, name: p.name, position: p.position, entries: p.entries, flags: p.flags })),
      personas: coverage.personas.map((p) => ({ documentId: p.documentId, name: p.name })),
      cells: coverage.cells,
      untagged: untagged.refs,
      stale: stale.refs,
      tagged: tagged.map((e) => entryKey(e.contentType, e.documentId, e.locale)),
      truncated: untagged.truncated || stale.truncated,
    };
    const summary: SnapshotSummary = { counts: audit.counts, totals: { ...coverage.totals, entries: audit.total } };
    return { journey: { documentId: coverage.journey.documentId, name: coverage.journey.name }, payload, summary };
  }

  /**
   * Captures the journey now and stores it, with the day's rows of the cell history (jm_cell_history) in
   * the same transaction: a daily snapshot that loses the race on its unique index writes no rows either,
   * so each journey and day has exactly one row set (a manual snapshot refreshes its day's rows).
   * Returns the snapshot's documentId.
   */
  async function take(journeyRef: string, as: Pick<NewSnapshot<SnapshotPayload>, 'kind' | 'takenAt' | 'note' | 'day'>) {
    const captured = await capture(journeyRef);
    const day = as.day ?? utcDay(as.takenAt);
    const id = await inTransaction(strapi, async (trx) => {
      const inserted = await snapshotsRepository(strapi, trx).insert<SnapshotPayload>({ ...captured, ...as });
      await getService(strapi, 'cellHistory').record(trx, captured.journey.documentId, day, captured.payload.cells);
      return inserted;
    });
    // Once per stored snapshot (only the insert that won is here): journey-map.snapshot.created.
    const item = await repository().item(id);
    if (item) await getService(strapi, 'webhooks').snapshotCreated(item);
    return id;
  }

  async function load(id: string) {
    const snapshot = await repository().withPayload<SnapshotPayload>(id);
    if (!snapshot) throw new NotFoundError(`snapshot ${id} not found`);
    return snapshot;
  }

  return {
    async list(q: SnapshotListQuery): Promise<SnapshotList> {
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const journeyId = q.journey ? (await getService(strapi, 'journeys').getJourney(q.journey)).documentId : null;
      const [data, total] = await Promise.all([repository().page(journeyId, page, pageSize), repository().count(journeyId)]);
      return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },

    /**
     * A snapshot stores every entry; the caller sees those it may read now (`readable`). The counts and
     * `entries.tagged` stay as stored: aggregates of every entry at the time.
     */
    async get(id: string, readable: EntryScope): Promise<SnapshotDetail> {
      const { payload, ...meta } = await load(id);
      const { untagged, stale, tagged, ...matrix } = payload;
      const [shownUntagged, shownStale] = await Promise.all([readable.keepReadable(untagged.map(refOut)), readable.keepReadable(stale.map(refOut))]);
      return { ...meta, coverage: matrix, entries: { untagged: shownUntagged.map(withNullLocale), stale: shownStale.map(withNullLocale), tagged: tagged.length } };
    },

    async take(data: SnapshotCreate): Promise<SnapshotItem> {
      const id = await take(data.journey, { kind: 'manual', takenAt: getService(strapi, 'clock').now(), note: data.note || null, day: null });
      return (await repository().item(id))!;
    },

    async remove(id: string): Promise<SnapshotDeleted> {
      if (!(await repository().remove(id))) throw new NotFoundError(`snapshot ${id} not found`);
      return { deleted: id };
    },

    async compare(q: SnapshotCompareQuery, readable: EntryScope): Promise<Comparison> {
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
    async runDaily(now: Date = getService(strapi, 'clock').now()) {
      const settings = await getService(strapi, 'settings').get();
      const day = utcDay(now);
      if (!settings.dailySnapshot) return { day, enabled: false, taken: [] as string[], skipped: 0 };
      const journeys: Array<{ documentId: string }> = await getService(strapi, 'journeys').listJourneys();
      const taken: string[] = [];
      let skipped = 0;
      for (const j of journeys) {
        if (await repository().hasDaily(j.documentId, day)) {
          skipped += 1;
          continue;
        }
        try {
          taken.push(await take(j.documentId, { kind: 'daily', takenAt: now, note: null, day }));
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
const refOut = (r: StoredEntry) => ({ contentType: r[0], documentId: r[1], locale: r[2], title: r[3] || null });
const keyed = (r: EntryRef) => ({ ...r, locale: r.locale ?? '' });
/** ...and as the API answers them (locale null). */
const withNullLocale = (r: Omit<EntryRef, 'locale'> & { locale: string }): EntryRef => ({ ...r, locale: r.locale || null });

export default snapshotsService;
