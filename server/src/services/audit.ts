import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { PassThrough } from 'stream';
import { EntryScope } from '../permissions/entries';
import { auditRepository, type AuditCursor, type AuditFilter, type EntryKeyRow, type EntryTag, type FlaggedEntry, type FlagSummary } from '../repositories/audit';
import { AUDIT_FLAGS } from '../../../shared/constants';
import type { AuditFlag, AuditQuery, AuditResponse, AuditRow, AuditUnread } from '../../../shared/contracts/audit';
import type { JourneySummary } from '../../../shared/contracts/journeys';
import { safeCsvOptions } from '../utils/csv';

const DAY = 24 * 60 * 60 * 1000;
/**
 * Rows of the CSV export read, flagged and written at a time (one query per chunk). Small enough that a
 * chunk's objects are garbage before the collector moves them to the old generation: with 5,000 rows they
 * outlived it, and the process grew by about 500 MB over a 1,000,000-row export (bench, 1 December
 * 2026); 1,000 rows took no more time at 100,000 entries and no memory.
 */
const CSV_CHUNK = 1000;

/** What the audit's rows are decorated with: the names of the phases and personas in scope. */
interface Scope {
  filter: AuditFilter;
  unread: AuditUnread;
  phaseNames: Map<string, string>;
  personaNames: Map<string, string>;
}

const entryKey = (e: EntryKeyRow) => `${e.contentType}\u0000${e.documentId}\u0000${e.locale}`;
const emptyCounts = () => Object.fromEntries(AUDIT_FLAGS.map((f) => [f, 0])) as Record<AuditFlag, number>;

/**
 * The content audit: every entry (documentId × locale) of the tracked types with its tags and flags.
 * The rules — which types, which journey's tags, which phases lack a CTA, when an entry is stale — are
 * decided here; repositories/audit flags, filters, sorts and pages the entries in the database.
 */
const auditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => auditRepository(strapi);

  async function scopeFor(q: AuditQuery, readable: EntryScope): Promise<Scope> {
    await getService(strapi, 'entryStates').ready();
    const journeysService = getService(strapi, 'journeys');
    const performance = getService(strapi, 'performance');
    const period = performance.resolvePeriod(q);
    // Independent reads, at once (on PostgreSQL and MariaDB each on its own connection).
    // listJourneys already brings every journey's phases (with their CTAs) and personas in one call.
    // (Its documents are untyped until the journeys service types them: they are JourneySummary's shape.)
    const [settings, types, journeys, imported] = await Promise.all([
      getService(strapi, 'settings').get(),
      getService(strapi, 'coverage').typesFor(q.contentType),
      q.journey
        ? journeysService.getJourney(q.journey).then((j) => [j as JourneySummary])
        : journeysService.listJourneys().then((list) => list as unknown as JourneySummary[]),
      performance.importedIn(period.from, period.to),
    ]);
    const phases = journeys.flatMap((j) => j.phases ?? []);
    const personas = journeys.flatMap((j) => j.personas ?? []);
    const phasesWithoutCta = phases.filter((p) => !(p.ctas ?? []).length).map((p) => p.documentId);
    // Across all journeys the flags are columns of the entry states; their phaseWithoutCta follows the CTAs.
    if (!q.journey) await getService(strapi, 'entryStates').followCtas(phasesWithoutCta);
    // `unread` is computed only when analytics were imported for its period.
    const sources = imported.map((s) => s.source);
    const unread: AuditUnread = { computed: sources.length > 0, from: period.from, to: period.to, sources };
    return {
      unread,
      filter: {
        types,
        locale: q.locale,
        journeyId: q.journey ? journeys[0].documentId : null,
        phasesWithoutCta,
        cutoff: new Date(getService(strapi, 'clock').now().getTime() - settings.staleAfterDays * DAY),
        flag: q.flag,
        phase: q.phase,
        persona: q.persona,
        sort: q.sort ?? 'updatedAt:desc',
        unread: unread.computed ? { from: period.from, to: period.to } : null,
        readable,
      },
      phaseNames: new Map(phases.map((p) => [p.documentId, p.name])),
      personaNames: new Map(personas.map((p) => [p.documentId, p.name])),
    };
  }

  /** An entry with its tags' phases and personas, named. */
  function named(e: FlaggedEntry, mine: Array<{ phaseId: string; personaId: string }>, scope: Scope): AuditRow {
    const phaseIds = [...new Set(mine.map((t) => t.phaseId))];
    const personaIds = [...new Set(mine.map((t) => t.personaId))];
    return {
      contentType: e.contentType,
      documentId: e.documentId,
      locale: e.locale || null,
      title: e.title,
      status: e.published ? 'published' : 'draft',
      updatedAt: e.updatedAt,
      phases: phaseIds.map((id) => ({ documentId: id, name: scope.phaseNames.get(id) ?? id })),
      personas: personaIds.map((id) => (id ? { documentId: id, name: scope.personaNames.get(id) ?? id } : { documentId: null, name: 'All personas' })),
      flags: e.flags,
    };
  }

  /** The entries with their tags' phases and personas, named. */
  async function decorate(entries: FlaggedEntry[], scope: Scope): Promise<AuditRow[]> {
    const tags = await repository().tagsOf(entries, scope.filter.journeyId);
    const byEntry = new Map<string, EntryTag[]>();
    for (const t of tags) {
      const mine = byEntry.get(entryKey(t));
      if (mine) mine.push(t);
      else byEntry.set(entryKey(t), [t]);
    }
    return entries.map((e) => named(e, byEntry.get(entryKey(e)) ?? [], scope));
  }

  /** The audit of one journey as snapshots read it: by title, optionally of one flag. */
  const journeyQuery = (journeyId: string, flag?: AuditFlag): AuditQuery => ({ journey: journeyId, flag, sort: 'title:asc' });

  return {
    /**
     * `GET /audit`. `readable`: the entries the caller may read, decided by permissions/entries; admin
     * routes always pass it, the plugin's own jobs (snapshots, the bench's warm-up) read every entry.
     */
    async list(q: AuditQuery, readable: EntryScope = EntryScope.everything(strapi)): Promise<AuditResponse> {
      const scope = await scopeFor(q, readable);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      if (!scope.filter.types.length) return { data: [], meta: { pagination: { page, pageSize, pageCount: 0, total: 0 }, counts: emptyCounts(), unread: scope.unread } };
      // The page (then its tags) and the counts at once.
      const [data, summary] = await Promise.all([repository().page(scope.filter, page, pageSize).then((entries) => decorate(entries, scope)), repository().summary(scope.filter)]);
      return {
        data,
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(summary.total / pageSize), total: summary.total }, counts: summary.counts, unread: scope.unread },
      };
    },

    /** How many entries a journey's audit lists, and how many carry each flag (every entry counted). */
    async flagCounts(journeyId: string): Promise<FlagSummary> {
      const scope = await scopeFor(journeyQuery(journeyId), EntryScope.everything(strapi));
      if (!scope.filter.types.length) return { total: 0, counts: emptyCounts() };
      return repository().summary(scope.filter);
    },

    /**
     * The entries of a journey that carry `flag`, by title, at most `limit` of them (every entry read);
     * `truncated` when there were more.
     */
    async flaggedEntries(journeyId: string, flag: AuditFlag, limit: number): Promise<{ entries: FlaggedEntry[]; truncated: boolean }> {
      const scope = await scopeFor(journeyQuery(journeyId, flag), EntryScope.everything(strapi));
      if (!scope.filter.types.length) return { entries: [], truncated: false };
      const entries = await repository().page(scope.filter, 1, limit + 1);
      return { entries: entries.slice(0, limit), truncated: entries.length > limit };
    },

    /**
     * The same rows as CSV (UTF-8 with a byte-order mark so spreadsheets read Japanese titles), streamed
     * chunk by chunk (`chunkSize` rows at a time; the tests make it small to cross many chunks).
     */
    async csv(q: AuditQuery, readable: EntryScope = EntryScope.everything(strapi), chunkSize = CSV_CHUNK) {
      const scope = await scopeFor(q, readable);
      const out = new PassThrough();
      // Loaded on first export rather than at boot: most boots never export a CSV.
      const { stringify } = await import('csv-stringify');
      const csv = stringify({
        header: true,
        bom: true,
        ...safeCsvOptions,
        columns: ['contentType', 'documentId', 'locale', 'title', 'status', 'updatedAt', 'phases', 'personas', 'flags'],
      });
      csv.pipe(out);
      (async () => {
        try {
          if (scope.filter.types.length) {
            // Keyset chunks: each chunk is the rows after the last one written (no offset to skip), read,
            // flagged and joined to their tags in one query.
            let from: AuditCursor | null = null;
            do {
              const { entries, next } = await repository().chunk(scope.filter, from, chunkSize);
              for (const entry of entries) {
                const row = named(entry, entry.tags, scope);
                const ok = csv.write({
                  ...row,
                  locale: row.locale ?? '',
                  phases: row.phases.map((p) => p.name).join('; '),
                  personas: row.personas.map((p) => p.name).join('; '),
                  flags: row.flags.join('; '),
                });
                if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
              }
              from = next;
            } while (from);
          }
          csv.end();
        } catch (error) {
          strapi.log.error(`[journey-map] audit CSV export failed: ${(error as Error).message}`);
          out.destroy(error as Error);
        }
      })();
      return out;
    },
  };
};

export default auditService;
