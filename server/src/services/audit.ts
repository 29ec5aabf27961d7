import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { stringify } from 'csv-stringify';
import { PassThrough } from 'stream';
import { PLUGIN_ID } from '../pluginId';
import { ASSIGNMENTS_TABLE } from '../repositories/assignments';
import { unionAll } from '../utils/sql';
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
  mainFields: string[];
}

/**
 * The content audit: every entry (documentId × locale) of the tracked types with its tags and flags.
 * Entries of all tracked types are one UNION ALL in the database, flagged, filtered, sorted and paginated
 * there; only the page's rows and their tags come back to Node.
 */
const auditService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const knex = () => strapi.db.connection;

  async function scopeFor(q: AuditQuery): Promise<Scope> {
    const settings = await plugin().service('settings').get();
    const types: string[] = await plugin().service('coverage').typesFor(q.contentType);
    const model = plugin().service('model');
    // listJourneys already brings every journey's phases (with their CTAs) and personas in one call.
    const journeys = q.journey ? [await model.getJourney(q.journey)] : await model.listJourneys();
    const phases = journeys.flatMap((j: any) => j.phases ?? []);
    const personas = journeys.flatMap((j: any) => j.personas ?? []);
    return {
      types,
      journeyId: q.journey ? journeys[0].documentId : null,
      phasesWithoutCta: phases.filter((p: any) => !(p.ctas ?? []).length).map((p: any) => p.documentId),
      cutoff: new Date(Date.now() - settings.staleAfterDays * DAY),
      phaseNames: new Map<string, string>(phases.map((p: any) => [p.documentId, p.name])),
      personaNames: new Map<string, string>(personas.map((p: any) => [p.documentId, p.name])),
      mainFields: await Promise.all(types.map((uid) => plugin().service('contentTypes').mainField(uid) as Promise<string>)),
    };
  }

  /** One row per (documentId, locale) of one type: title, last update, whether a published version exists. */
  function entriesOf(k: Knex, uid: string, mainField: string, locale?: string) {
    const entries = plugin().service('entries');
    const meta = strapi.db.metadata.get(uid as any) as any;
    const titleColumn = meta.attributes[mainField]?.columnName ?? 'document_id';
    const localized = entries.isLocalized(uid);
    // MySQL casts to CHAR(n); PostgreSQL's CHAR pads with spaces, so it gets VARCHAR(n).
    const text = strapi.db.dialect.client === 'mysql' ? 'char' : 'varchar';
    const q = k(`${meta.tableName} as e`)
      .select(
        k.raw(`cast(? as ${text}(191)) as content_type`, [uid]),
        'e.document_id',
        k.raw(localized ? 'e.locale as entry_locale' : `cast('' as ${text}(32)) as entry_locale`),
        k.raw(`max(e.${titleColumn}) as title`),
        k.raw('max(e.updated_at) as updated_at'),
        k.raw('max(case when e.published_at is not null then 1 else 0 end) as has_published'),
        k.raw(entries.hasDraftAndPublish(uid) ? '1 as has_draft_and_publish' : '0 as has_draft_and_publish')
      )
      .groupBy('e.document_id', ...(localized ? ['e.locale'] : []));
    if (locale && localized) q.where('e.locale', locale);
    return q;
  }

  /** The filtered entries as a query builder (not awaited here: awaiting a builder runs it). */
  function flaggedEntries(q: AuditQuery, scope: Scope): Knex.QueryBuilder {
    const k = knex();
    const union = unionAll(k, scope.types.map((uid, i) => entriesOf(k, uid, scope.mainFields[i], q.locale)));
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

    const flagged = k
      .from(union.as('x'))
      .select(
        'x.*',
        k.raw('case when not exists ? then 1 else 0 end as f_untagged', [sameLocale('u')]),
        k.raw('case when x.updated_at < ? then 1 else 0 end as f_stale', [scope.cutoff]),
        k.raw('case when x.has_draft_and_publish = 1 and x.has_published = 0 then 1 else 0 end as f_draft_only'),
        k.raw('case when exists ? then 1 else 0 end as f_phase_without_cta', [noCta]),
        k.raw(
          `case when not exists ? and exists ? then 1 else 0 end as f_missing_locale`,
          [sameLocale('m1'), tags('m2').whereRaw('m2.entry_locale <> x.entry_locale')]
        )
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
            for (const r of rows) b.orWhere({ content_type: r.content_type, entry_document_id: r.document_id, entry_locale: r.entry_locale });
          })
          .modify((b) => {
            if (scope.journeyId) b.where('journey_id', scope.journeyId);
          })
      : [];
    return rows.map((r) => {
      const mine = tagRows.filter((t: any) => t.content_type === r.content_type && t.entry_document_id === r.document_id && t.entry_locale === r.entry_locale);
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

  const ordered = (b: Knex.QueryBuilder, q: AuditQuery) => {
    const [column, direction] = SORTS[q.sort ?? 'updatedAt:desc'];
    return b.orderBy([{ column: `f.${column}`, order: direction }, { column: 'f.content_type' }, { column: 'f.document_id' }, { column: 'f.entry_locale' }]);
  };

  return {
    async list(query: unknown) {
      const q = parse(auditQuery, query, 'query');
      const scope = await scopeFor(q);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 25;
      if (!scope.types.length) return { data: [], meta: { pagination: { page, pageSize, pageCount: 0, total: 0 }, counts: emptyCounts() } };
      const base = flaggedEntries(q, scope);
      const k = knex();
      const [rows, totalRow, countsRow] = await Promise.all([
        ordered(base.clone(), q).limit(pageSize).offset((page - 1) * pageSize),
        k.from(base.clone().as('t')).count({ count: '*' }).first(),
        k.from(base.clone().as('t')).select(
          ...AUDIT_FLAGS.map((f) => k.raw(`coalesce(sum(t.${FLAG_COLUMNS[f]}), 0) as ${FLAG_COLUMNS[f]}`))
        ).first(),
      ]);
      const total = Number((totalRow as any)?.count ?? 0);
      const counts = Object.fromEntries(AUDIT_FLAGS.map((f) => [f, Number((countsRow as any)?.[FLAG_COLUMNS[f]] ?? 0)]));
      return {
        data: await decorate(rows, scope),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total }, counts },
      };
    },

    /** The same rows as CSV (UTF-8 with a byte-order mark so spreadsheets read Japanese titles), streamed page by page. */
    async csv(query: unknown) {
      const q = parse(auditQuery, query, 'query');
      const scope = await scopeFor(q);
      const out = new PassThrough();
      const csv = stringify({
        header: true,
        bom: true,
        columns: ['contentType', 'documentId', 'locale', 'title', 'status', 'updatedAt', 'phases', 'personas', 'flags'],
      });
      csv.pipe(out);
      (async () => {
        try {
          if (scope.types.length) {
            const base = flaggedEntries(q, scope);
            const chunk = 500;
            for (let offset = 0; ; offset += chunk) {
              const rows = await ordered(base.clone(), q).limit(chunk).offset(offset);
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
              if (rows.length < chunk) break;
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

const emptyCounts = () => Object.fromEntries(AUDIT_FLAGS.map((f) => [f, 0]));

export default auditService;
