import { getService } from '../utils/get-service';
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { findDocuments } from '../utils/documents';
import { PolicyError, ValidationError } from '../utils/errors';

/**
 * The one place that decides which site entries an admin may read, tag or create through the plugin:
 * it asks the Content Manager's permission checker — for that action, on that entry and locale, with
 * the role's conditions (is-creator, locale limits, any condition the site registers) — exactly as the
 * Content Manager does for its own routes. Controllers call it; services receive the decided scope.
 */

const CM_ACTIONS = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
} as const;

/** How much of one content type a caller may read. */
export type TypeReach =
  | { kind: 'all' }
  /** only entries in these locales (the role's only conditions are locale limits: no per-entry work) */
  | { kind: 'locales'; locales: string[] }
  /** only entries the Content Manager's permission query selects (other conditions: checked in the database) */
  | { kind: 'where'; filters: Record<string, unknown> };

/** An entry as the plugin keys it: locale '' for types without i18n. */
export interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

/** Columns of the table a read scope restricts (for example `s.content_type` of the entry states). */
export interface EntryColumns {
  contentType: string;
  documentId: string;
  locale: string;
}

const CHUNK = 500;

/** A rule of the caller's ability (CASL), as the admin's permission engine builds it. */
interface AbilityRule {
  inverted?: boolean;
  conditions?: Record<string, unknown> | null;
}
/** The caller's ability: `ctx.state.userAbility` on an admin route. */
interface UserAbility {
  rulesFor(action: string, subject: string): AbilityRule[];
}
/** What an admin request carries for the checks: its ability and its user. */
export interface AdminRequest {
  state: { userAbility: UserAbility; user?: { id?: number | string } | null };
}

type Entity = Record<string, unknown>;
/** The Content Manager's permission checker for one model (`permission-checker` service). */
interface PermissionChecker {
  cannot: Record<'read' | 'create' | 'update', (entity?: Entity, field?: string) => boolean>;
  requiresEntity: Record<'read' | 'update', () => boolean>;
  sanitizedQuery: Record<'read' | 'update', (query: Entity) => Promise<Entity>>;
}
/** The parts of the admin's `permission` service used here. */
interface AdminPermissionService {
  actionProvider: { unstable_aliases(action: string, uid: string): string[] };
  createPermissionsManager(options: { ability: UserAbility; model: string }): { getQuery(action: string): Record<string, unknown> | undefined };
}
type PopulateBuilder = (uid: string) => { populateFromQuery(query: Entity): { build(): Promise<unknown> } };

/**
 * The entries a caller may read, per content type. `reach === null` means every entry: the plugin's own
 * jobs (daily snapshots) see everything; what a person sees is filtered when it is read.
 */
export class EntryScope {
  constructor(
    private readonly strapi: Core.Strapi,
    readonly reach: ReadonlyMap<string, TypeReach> | null
  ) {}

  static everything(strapi: Core.Strapi) {
    return new EntryScope(strapi, null);
  }

  /** Whether every entry of `uid` is readable, so that no per-entry work is needed. */
  readsAll(uid: string) {
    return this.reach === null || this.reach.get(uid)?.kind === 'all';
  }

  /**
   * Adds "the entry of this row is readable" to a query whose rows carry an entry's type, documentId and
   * locale. `types`: the types the query is already limited to; when the caller reads all of them, nothing
   * is added, so the query stays as fast as before.
   */
  restrict<T extends Knex.QueryBuilder>(b: T, cols: EntryColumns, types?: string[]): T {
    if (this.reach === null) return b;
    if (types && types.every((uid) => this.readsAll(uid))) return b;
    const reach = [...this.reach].filter(([uid]) => !types || types.includes(uid));
    if (reach.length === 0) return b.whereRaw('1 = 0') as T;
    return b.where((w) => {
      for (const [uid, r] of reach) {
        w.orWhere((o) => {
          o.where(cols.contentType, uid);
          if (r.kind === 'locales') o.whereIn(cols.locale, r.locales);
          if (r.kind === 'where') {
            // Not correlated: the database selects the permitted (documentId, locale) pairs once, then
            // looks each row up in them (a correlated EXISTS was re-run per row: 7× slower at 3,000 entries).
            if (isLocalized(this.strapi, uid)) o.whereIn([cols.documentId, cols.locale], this.matching(uid, r.filters, ['document_id', 'locale']).query);
            else o.whereIn(cols.documentId, this.matching(uid, r.filters, ['document_id']).query);
          }
        });
      }
    }) as T;
  }

  /** The readable ones among `refs` (in their order): one query per type and 500 entries when conditions apply. */
  async keepReadable<T extends EntryRef>(refs: T[]): Promise<T[]> {
    if (this.reach === null) return refs;
    const byType = new Map<string, T[]>();
    for (const ref of refs) byType.set(ref.contentType, [...(byType.get(ref.contentType) ?? []), ref]);
    const kept = new Set<T>();
    for (const [uid, mine] of byType) {
      const r = this.reach.get(uid);
      if (!r) continue;
      if (r.kind === 'all') mine.forEach((ref) => kept.add(ref));
      if (r.kind === 'locales') mine.filter((ref) => r.locales.includes(ref.locale)).forEach((ref) => kept.add(ref));
      if (r.kind === 'where') {
        const localized = isLocalized(this.strapi, uid);
        const ids = [...new Set(mine.map((ref) => ref.documentId))];
        const found = new Set<string>();
        for (let i = 0; i < ids.length; i += CHUNK) {
          const { query, alias } = this.matching(uid, r.filters, localized ? ['document_id', 'locale'] : ['document_id']);
          const rows: Array<{ document_id: string; locale?: string }> = await query.whereIn(`${alias}.document_id`, ids.slice(i, i + CHUNK));
          rows.forEach((row) => found.add(`${row.document_id}|${localized ? row.locale : ''}`));
        }
        mine.filter((ref) => found.has(`${ref.documentId}|${localized ? ref.locale : ''}`)).forEach((ref) => kept.add(ref));
      }
    }
    return refs.filter((ref) => kept.has(ref));
  }

  /**
   * The site's rows of `uid` that match the permission filters, through Strapi's own query builder (so
   * relations such as `createdBy` are joined as the Content Manager joins them). For Draft & Publish types
   * the draft row is the one checked, as the Content Manager checks the draft version.
   */
  private matching(uid: string, filters: Record<string, unknown>, columns: string[]) {
    const qb = this.strapi.db.entityManager.createQueryBuilder(uid).select(columns).where(filters);
    if (hasDraftAndPublish(this.strapi, uid)) qb.where({ publishedAt: { $null: true } });
    return { query: qb.getKnexQuery(), alias: qb.alias };
  }
}

/** What the checks read of a content type's schema. */
interface TypeOptions {
  pluginOptions?: { i18n?: { localized?: boolean } };
  options?: { draftAndPublish?: boolean };
}
const contentType = (strapi: Core.Strapi, uid: string): TypeOptions | undefined => strapi.contentTypes[uid as UID.ContentType];
const isLocalized = (strapi: Core.Strapi, uid: string) => Boolean(contentType(strapi, uid)?.pluginOptions?.i18n?.localized);
const hasDraftAndPublish = (strapi: Core.Strapi, uid: string) => Boolean(contentType(strapi, uid)?.options?.draftAndPublish);

/**
 * The locales a rule's conditions limit it to, when locale limits are its only conditions (the i18n
 * plugin adds `{ locale: { $in: [...] } }` to the rule's `$and`); null when any other condition applies.
 */
export function localesOnly(conditions: unknown): string[] | null {
  const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  const whole = record(conditions);
  const parts: unknown[] = whole && Object.keys(whole).length === 1 && Array.isArray(whole.$and) ? whole.$and : [conditions];
  let locales: string[] | null = null;
  for (const item of parts) {
    const part = record(item);
    const locale = record(part?.locale);
    if (!part || Object.keys(part).length !== 1 || !part.locale || !locale) return null;
    const inList: unknown = locale.$in;
    if (Object.keys(locale).length !== 1 || !Array.isArray(inList)) return null;
    locales = locales === null ? [...(inList as string[])] : locales.filter((l) => inList.includes(l));
  }
  return locales;
}

const describeEntry = (ref: EntryRef) => `${ref.documentId}${ref.locale ? ` (${ref.locale})` : ''}`;

/** The permission checks of one admin request (`ctx.state.userAbility`, `ctx.state.user`). */
export function entryPermissions(strapi: Core.Strapi, ctx: AdminRequest) {
  const ability = ctx.state.userAbility;
  const user = ctx.state.user;

  const checkerFor = (uid: string, field: string) => {
    if (!contentType(strapi, uid)) throw new ValidationError(`${field}: "${uid}" is not a content type of this site`);
    return strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid }) as PermissionChecker;
  };

  /** The entries' versions the Content Manager would check (drafts), with what the conditions need populated. */
  async function load(uid: string, checker: PermissionChecker, action: 'read' | 'update', documentIds: string[], locale: string) {
    const permissionQuery = await checker.sanitizedQuery[action]({});
    const populate = await (strapi.plugin('content-manager').service('populate-builder') as PopulateBuilder)(uid).populateFromQuery(permissionQuery).build();
    return findDocuments<Entity & { documentId: string }>(strapi, uid, {
      filters: { documentId: { $in: documentIds } },
      ...(locale ? { locale } : {}),
      status: 'draft',
      populate,
      limit: documentIds.length,
    });
  }

  /**
   * Whether the role's rules alone let it do `action` on every entry of `uid` in `locale`: true when a rule
   * without conditions, or with conditions on the locale only (what i18n adds) that include `locale`,
   * allows it and no rule is inverted. Then no entry needs loading to know what the checker would say;
   * any other case (false) is left to the checker with each entry.
   */
  function allowedByLocale(action: 'read' | 'update', uid: string, locale: string): boolean {
    const permissions = strapi.service('admin::permission') as unknown as AdminPermissionService;
    const name = CM_ACTIONS[action];
    const rules = [name, ...permissions.actionProvider.unstable_aliases(name, uid)].flatMap((a) => ability.rulesFor(a, uid));
    if (rules.some((rule) => rule.inverted)) return false;
    return rules.some((rule) => {
      if (!rule.conditions || Object.keys(rule.conditions).length === 0) return true;
      return Boolean(locale) && (localesOnly(rule.conditions)?.includes(locale) ?? false);
    });
  }

  function reachOf(uid: string): TypeReach | null {
    const permissions = strapi.service('admin::permission') as unknown as AdminPermissionService;
    const actions = [CM_ACTIONS.read, ...permissions.actionProvider.unstable_aliases(CM_ACTIONS.read, uid)];
    const rules = actions.flatMap((a) => ability.rulesFor(a, uid)).filter((rule) => !rule.inverted);
    if (rules.length === 0) return null;
    if (rules.some((rule) => !rule.conditions || Object.keys(rule.conditions).length === 0)) return { kind: 'all' };
    const localeSets = rules.map((rule) => localesOnly(rule.conditions));
    if (localeSets.every((set): set is string[] => set !== null)) return { kind: 'locales', locales: [...new Set(localeSets.flat())] };
    const manager = permissions.createPermissionsManager({ ability, model: uid });
    const filters = manager.getQuery(CM_ACTIONS.read);
    return filters ? { kind: 'where', filters } : null;
  }

  return {
    /**
     * Writing tags on these entries (one type, one locale) needs the Content Manager's update permission
     * on each of them: all or nothing, the refusal names every entry refused. Entries that do not exist
     * are left to the caller's 404.
     */
    async assertCanUpdate(uid: string, documentIds: string[], locale: string, field: string) {
      const checker = checkerFor(uid, field);
      const refused = checker.cannot.update()
        ? documentIds
        : checker.requiresEntity.update() && !allowedByLocale('update', uid, locale)
          ? (await load(uid, checker, 'update', documentIds, locale)).filter((entity) => checker.cannot.update(entity)).map((entity) => entity.documentId)
          : [];
      if (refused.length === 0) return;
      const entries = refused.map((documentId) => ({ contentType: uid, documentId, locale }));
      const names = entries.slice(0, 20).map(describeEntry).join(', ');
      const more = entries.length > 20 ? ` and ${entries.length - 20} more` : '';
      throw new PolicyError(
        documentIds.length === 1
          ? `You may not update ${uid} entry ${names}, so you may not tag it`
          : `You may not update ${entries.length} of these ${uid} entries, so none was tagged: ${names}${more}`,
        { entries }
      );
    },

    /** Reading one entry's tags needs the Content Manager's read permission on that entry and locale. */
    async assertCanRead(uid: string, documentId: string, locale: string, field: string) {
      const checker = checkerFor(uid, field);
      if (!checker.cannot.read() && (!checker.requiresEntity.read() || allowedByLocale('read', uid, locale))) return;
      const [entity] = checker.cannot.read() ? [] : await load(uid, checker, 'read', [documentId], locale);
      // An entry not saved in this locale yet is judged on its key alone: conditions on anything else fail.
      const subject = entity ?? { documentId, ...(locale ? { locale } : {}) };
      if (checker.cannot.read() || checker.cannot.read(subject)) {
        throw new PolicyError(`You may not read ${uid} entry ${describeEntry({ contentType: uid, documentId, locale })}`, {
          entries: [{ contentType: uid, documentId, locale }],
        });
      }
    },

    /**
     * Creating an entry needs the Content Manager's create permission for that locale, judged on the entry
     * as it will be stored (the caller as its creator), and the right to write its title field.
     */
    async assertCanCreate(uid: string, locale: string, data: Record<string, unknown>, field: string) {
      const checker = checkerFor(uid, field);
      const where = locale ? ` in locale ${locale}` : '';
      if (checker.cannot.create()) throw new PolicyError(`You may not create ${uid} entries`);
      const entity = { ...data, ...(locale ? { locale } : {}), createdBy: { id: user?.id }, updatedBy: { id: user?.id } };
      if (checker.cannot.create(entity)) throw new PolicyError(`You may not create ${uid} entries${where}`);
      for (const field of Object.keys(data)) {
        if (checker.cannot.create(entity, field)) throw new PolicyError(`You may not set the ${field} field of ${uid} entries`);
      }
    },

    /** What the caller may read of every site content type (`api::…`), decided once per request. */
    readScope(): EntryScope {
      const reach = new Map<string, TypeReach>();
      for (const uid of getService(strapi, 'contentTypes').trackableUids()) {
        const r = reachOf(uid);
        if (r) reach.set(uid, r);
      }
      return new EntryScope(strapi, reach);
    },
  };
}
