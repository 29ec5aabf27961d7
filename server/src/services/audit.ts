import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PassThrough } from 'stream';
import { EntryScope } from '../permissions/entries';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { ENTRY_STATES_TABLE } from '../repositories/entry-states';
import { parse } from '../validation/parse';
import { AUDIT_FLAGS, auditQuery, type AuditFlag, type AuditQuery } from '../validation/reports';

const DAY = 24 * 60 * 60 * 1000;
const FLAG_COLUMNS: Record<AuditFlag, string> = {
  untagged: 'f_untagged',
  stale: 'f_stale',
  draftOnly: 'f_draft_only',
  phaseWithoutCta: 'f_phase_without_cta',
  missingInOtherLocale: 'f_missing_locale',
};
const SORTS: Record<string, [string, 'asc' | 'desc']> = {
  'updatedAt:desc': ['updated_at', 'desc'],
  'updatedAt:asc': ['updated_at', 'asc'],
  'title:asc': ['title', 'asc'],
  'title:desc': ['title', 'desc'],
  'contentType:asc': ['content_type', 'asc'],
};

interface Scope {
  types: string[];
  journeyId: string | null;
  phasesWithoutCta: string[];
  cutoff: Date;
  phaseNames: Map<string, string>;
  personaNames: Map<string, string>;
  /** the entries the caller may read (decided by permissions/entries); the others are left out, counts included */
  readable: EntryScope;
}

/**
 * The content audit: every entry (documentId × locale) of the tracked types with its tags and flags.
 * The entries come from the plugin's copy of their state (`jm_entry_states`), flagged, filtered, sorted
 * and paginated in the database; only the page's rows and their tags come back to Node. Across all
 * journeys the tag flags are columns of that copy; within one journey they are looked up in its tags.
 */
const auditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const knex = () => strapi.db.connection;

  async function scopeFor(q: AuditQuery, readable: EntryScope): Promise<Scope> {
    await plugin().service('entryStates').ready();
    const settings = await plugin().service('settings').get();
    const types: string[] = await plugin().service('coverage').typesFor(q.contentType);
    const model = plugin().service('model');
    // listJourneys already brings every journey's phases (with their CTAs) and personas in one call.
    const journeys = q.journey ? [await model.getJourney(q.journey)] : await model.listJourneys();
    const phases = journeys.flatMap((j: any) => j.phases ?? []);
    const personas = journeys.flatMap((j: any) => j.personas ?? []);
    const phasesWithoutCta: string[] = phases.filter((p: any) => !(p.ctas ?? []).length).map((p: any) => p.documentId);
    // Across all journeys the flags are columns of the entry states; their phaseWithoutCta follows the CTAs.
    if (!q.journey) await plugin().service('entryStates').followCtas(phasesWithoutCta);
    return {
      types,
      journeyId: q.journey ? journeys[0].documentId : null,
      phasesWithoutCta,
      cutoff: new Date(plugin().service('clock').now().getTime() - settings.staleAfterDays * DAY),
      phaseNames: new Map<string, string>(phases.map((p: any) => [p.documentId, p.name])),
      personaNames: new Map<string, string>(personas.map((p: any) => [p.documentId, p.name])),
      readable,
    };
  }

  /**
   * Every entry (documentId × locale) of the tracked types — or only `only`'s documentIds per type — from
   * the plugin's copy of the entries (services/entry-states): title, last update, published or not.
   */
  function entriesUnion(q: AuditQuery, scope: Scope, only?: Map<string, string[]>): Knex.QueryBuilder {
    const k = knex();
    const b = k(`${ENTRY_STATES_TABLE} as s`).select(
      's.content_type',
      's.entry_document_id as document_id',
      's.entry_locale',
      's.title',
      's.entry_updated_at as updated_at',
      k.raw('case when s.live_updated_at is not null then 1 else 0 end as has_published'),
      k.raw('case when s.draft_and_publish then 1 else 0 end as has_draft_and_publish'),
      k.raw('case when s.tagged then 1 else 0 end as is_tagged'),
      k.raw('case when s.no_cta_tagged then 1 else 0 end as no_cta_tagged'),
      k.raw('case when s.other_locale_tagged then 1 else 0 end as other_locale_tagged')
    );
    if (only) {
      b.where((w) => {
        for (const [uid, ids] of only) w.orWhere((o) => o.where('s.content_type', uid).whereIn('s.entry_document_id', ids));
      });
    } else b.whereIn('s.content_type', scope.types);
    if (q.locale) b.whereIn('s.entry_locale', [q.locale, '']);
    const types = only ? [...only.keys()] : scope.types;
    return scope.readable.restrict(b, { contentType: 's.content_type', documentId: 's.entry_document_id', locale: 's.entry_locale' }, types);
  }

  /** Whether the filters need every entry's flags (else a page can be cut before flagging). */
  const filtersOnFlags = (q: AuditQuery) => Boolean(q.flag || q.phase || q.persona);

  /**
   * The entries of `source` (by default all of them) with their flags, filtered, as a query builder (not
   * awaited here: awaiting a builder runs it).
   */
  function flaggedEntries(q: AuditQuery, scope: Scope, source: Knex.QueryBuilder = entriesUnion(q, scope)): Knex.QueryBuilder {
    const k = knex();
    const union = source;
    const tags = (alias: string) => {
      const t = k(`${ASSIGNMENTS_TABLE} as ${alias}`)
        .select(k.raw('1'))
        .whereRaw(`${alias}.content_type = x.content_type`)
        .whereRaw(`${alias}.entry_document_id = x.document_id`);
      if (scope.journeyId) t.where(`${alias}.journey_id`, scope.journeyId);
      return t;
    };
    const sameLocale = (alias: string) => tags(alias).whereRaw(`${alias}.entry_locale = x.entry_locale`);
    const noCta = scope.phasesWithoutCta.length
      ? sameLocale('c').whereIn('c.phase_id', scope.phasesWithoutCta)
      : sameLocale('c').whereRaw('1 = 0');

    // Across all journeys the tag flags are columns of the entry states (kept by services/entry-states);
    // within one journey they are looked up in its tags.
    const tagFlags = scope.journeyId
      ? [
          k.raw('case when not exists ? then 1 else 0 end as f_untagged', [sameLocale('u')]),
          k.raw('case when exists ? then 1 else 0 end as f_phase_without_cta', [noCta]),
          k.raw('case when not exists ? and exists ? then 1 else 0 end as f_missing_locale', [
            sameLocale('m1'),
            tags('m2').whereRaw('m2.entry_locale <> x.entry_locale'),
          ]),
        ]
      : [
          k.raw('1 - x.is_tagged as f_untagged'),
          'x.no_cta_tagged as f_phase_without_cta',
          k.raw('case when x.is_tagged = 0 and x.other_locale_tagged = 1 then 1 else 0 end as f_missing_locale'),
        ];
    const flagged = k
      .from(union.as('x'))
      .select(
        'x.*',
        k.raw('case when x.updated_at < ? then 1 else 0 end as f_stale', [scope.cutoff]),
        k.raw('case when x.has_draft_and_publish = 1 and x.has_published = 0 then 1 else 0 end as f_draft_only'),
        ...tagFlags
      );

    const filtered = k.from(flagged.as('f')).select('f.*');
    if (q.flag) filtered.where(`f.${FLAG_COLUMNS[q.flag]}`, 1);
    if (q.phase || q.persona) {
      const byTag = k(`${ASSIGNMENTS_TABLE} as p`)
        .select(k.raw('1'))
        .whereRaw('p.content_type = f.content_type')
        .whereRaw('p.entry_document_id = f.document_id')
        .whereRaw('p.entry_locale = f.entry_locale');
      if (q.phase) byTag.where('p.phase_id', q.phase);
      if (q.persona) byTag.whereIn('p.persona_id', [q.persona, '']);
      filtered.whereExists(byTag);
    }
    return filtered;
  }

  async function decorate(rows: any[], scope: Scope) {
    const k = knex();
    const tagRows = rows.length
      ? await k(ASSIGNMENTS_TABLE)
          .select('content_type', 'entry_document_id', 'entry_locale', 'phase_id', 'persona_id', 'cta_id')
          .where((b) => {
            // One IN list per (type, locale), not one OR per row: SQLite caps the depth of an expression.
            const groups = new Map<string, { contentType: string; locale: string; ids: string[] }>();
            for (const r of rows) {
              const key = entryKey(r.content_type, '', r.entry_locale);
              if (!groups.has(key)) groups.set(key, { contentType: r.content_type, locale: r.entry_locale, ids: [] });
              groups.get(key)!.ids.push(r.document_id);
            }
            for (const g of groups.values()) {
              b.orWhere((w) => w.where({ content_type: g.contentType, entry_locale: g.locale }).whereIn('entry_document_id', g.ids));
            }
          })
          .modify((b) => {
            if (scope.journeyId) b.where('journey_id', scope.journeyId);
          })
      : [];
    const byEntry = new Map<string, any[]>();
    for (const t of tagRows as any[]) {
      const key = entryKey(t.content_type, t.entry_document_id, t.entry_locale);
      byEntry.set(key, [...(byEntry.get(key) ?? []), t]);
    }
    return rows.map((r) => {
      const mine = byEntry.get(entryKey(r.content_type, r.document_id, r.entry_locale)) ?? [];
      const phaseIds: string[] = [...new Set<string>(mine.map((t: any) => t.phase_id as string))];
      const personaIds: string[] = [...new Set<string>(mine.map((t: any) => (t.persona_id as string) || ""))];
      return {
        contentType: r.content_type,
        documentId: r.document_id,
        locale: r.entry_locale || null,
        title: r.title ?? null,
        status: Number(r.has_published) === 1 ? 'published' : 'draft',
        updatedAt: toIso(r.updated_at),
        phases: phaseIds.map((id) => ({ documentId: id, name: scope.phaseNames.get(id) ?? id })),
        personas: personaIds.map((id) => (id ? { documentId: id, name: scope.personaNames.get(id) ?? id } : { documentId: null, name: 'All personas' })),
        flags: AUDIT_FLAGS.filter((f) => Number(r[FLAG_COLUMNS[f]]) === 1),
      };
    });
  }

  const toIso = (v: unknown) => {
    if (v === null || v === undefined) return null;
    const d = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as any));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  };

  /** The total and every flag's count of a flagged set, in one pass over it. */
  async function flaggedSummary(flagged: Knex.QueryBuilder): Promise<Summary> {
    const k = knex();
    const row: any = await k
      .from(flagged.clone().as('t'))
      .select(k.raw('count(*) as count'), ...AUDIT_FLAGS.map((f) => k.raw(`coalesce(sum(t.${FLAG_COLUMNS[f]}), 0) as ${FLAG_COLUMNS[f]}`)))
      .first();
    return numbers(row);
  }

  const ordered = (b: Knex.QueryBuilder, q: AuditQuery, alias = 'f') => {
    const [column, direction] = SORTS[q.sort ?? 'updatedAt:desc'];
    return b.orderBy([
      { column: `${alias}.${column}`, order: direction },
      { column: `${alias}.content_type` },
      { column: `${alias}.document_id` },
      { column: `${alias}.entry_locale` },
    ]);
  };

  return {
    /**
     * `readable`: the entries the caller may read, decided by permissions/entries; admin routes always pass
     * it, the plugin's own jobs (snapshots, the bench's warm-up) read every entry.
     */
    async list(query: unknown, readable: EntryScope = EntryScope.everything(strapi)) {
      const q = parse(auditQuery, query, 'query');
      const scope = await scopeFor(q, readable);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      if (!scope.types.length) return { data: [], meta: { pagination: { page, pageSize, pageCount: 0, total: 0 }, counts: emptyCounts() } };
      const k = knex();
      const base = flaggedEntries(q, scope);
      // Without filters on flags, the page is cut from the bare entries first and only its rows get flagged.
      const page$ = filtersOnFlags(q)
        ? ordered(base.clone(), q).limit(pageSize).offset((page - 1) * pageSize)
        : ordered(
            flaggedEntries(q, scope, ordered(k.from(entriesUnion(q, scope).as('y')).select('y.*'), q, 'y').limit(pageSize).offset((page - 1) * pageSize)),
            q
          );
      const [rows, summary] = await Promise.all([page$, flaggedSummary(base)]);
      const total = summary.count;
      const counts = Object.fromEntries(AUDIT_FLAGS.map((f) => [f, summary[FLAG_COLUMNS[f]]]));
      return {
        data: await decorate(rows, scope),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total }, counts },
      };
    },

    /** The same rows as CSV (UTF-8 with a byte-order mark so spreadsheets read Japanese titles), streamed chunk by chunk. */
    async csv(query: unknown, readable: EntryScope = EntryScope.everything(strapi)) {
      const q = parse(auditQuery, query, 'query');
      const scope = await scopeFor(q, readable);
      const out = new PassThrough();
      // Loaded on first export rather than at boot: most boots never export a CSV.
      const { stringify } = await import('csv-stringify');
      const csv = stringify({
        header: true,
        bom: true,
        columns: ['contentType', 'documentId', 'locale', 'title', 'status', 'updatedAt', 'phases', 'personas', 'flags'],
      });
      csv.pipe(out);
      (async () => {
        try {
          if (scope.types.length) {
            // The keys of the filtered set in order, in one pass; then each chunk of keys is read and
            // flagged on its own (the entries restricted to those documentIds), so the export is linear.
            const k = knex();
            const keyQuery = filtersOnFlags(q)
              ? ordered(k.from(flaggedEntries(q, scope).as('f')).select('f.content_type', 'f.document_id', 'f.entry_locale'), q)
              : ordered(k.from(entriesUnion(q, scope).as('f')).select('f.content_type', 'f.document_id', 'f.entry_locale'), q);
            const keys: Array<{ content_type: string; document_id: string; entry_locale: string }> = await keyQuery;
            const chunk = 1000;
            for (let start = 0; start < keys.length; start += chunk) {
              const slice = keys.slice(start, start + chunk);
              const ids = new Map<string, Set<string>>();
              for (const key of slice) ids.set(key.content_type, (ids.get(key.content_type) ?? new Set()).add(key.document_id));
              const only = new Map([...ids].map(([uid, set]) => [uid, [...set]]));
              const found = await flaggedEntries(q, scope, entriesUnion(q, scope, only));
              const byKey = new Map(found.map((r: any) => [entryKey(r.content_type, r.document_id, r.entry_locale), r]));
              const rows = slice.map((key) => byKey.get(entryKey(key.content_type, key.document_id, key.entry_locale))).filter(Boolean);
              for (const row of await decorate(rows, scope)) {
                const ok = csv.write({
                  ...row,
                  locale: row.locale ?? '',
                  phases: row.phases.map((p) => p.name).join('; '),
                  personas: row.personas.map((p) => p.name).join('; '),
                  flags: row.flags.join('; '),
                });
                if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
              }
            }
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

type Summary = Record<'count' | (typeof FLAG_COLUMNS)[AuditFlag], number>;
const numbers = (row: any): Summary =>
  Object.fromEntries(['count', ...Object.values(FLAG_COLUMNS)].map((c) => [c, Number(row?.[c] ?? 0)])) as Summary;

const entryKey = (contentType: string, documentId: string, locale: string | null) => `${contentType}\u0000${documentId}\u0000${locale ?? ''}`;
const emptyCounts = () => Object.fromEntries(AUDIT_FLAGS.map((f) => [f, 0]));

export default auditService;
