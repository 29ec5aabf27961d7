import type { Knex } from 'knex';
import { knexOf, type Queryable } from '../db/queryable';
import type { Dialect } from './locks';
import { ENTRY_STATES_TABLE } from './entry-states';
import { bucketSql } from './date-buckets';
import type { AuditFlag } from '../../../shared/contracts/audit';
import type { EntryScope } from '../permissions/entries';

/**
 * Maintained counts of the entry states (`jm_entry_states`), so that the audit's total and flag counts,
 * and coverage's untagged count, read a number of rows that does not grow with the entries.
 *
 * `jm_state_counts`: per type, locale, date bucket of `entry_updated_at` (grain 'y': 'YYYY', 'm':
 * 'YYYY-MM', 'd': 'YYYY-MM-DD', all three kept for every state; a state without a date counts once, in
 * the year bucket '') and combination of the state's flag columns, the number of states `n`. The flag
 * columns are the truth of the state's own columns, as the audit's scan reads them:
 * - `tagged`: 1 true, 0 false, 2 NULL (the audit counts NULL as untagged, coverage only `false`);
 * - `other_tagged`: `other_locale_tagged` is true;
 * - `no_cta`: `no_cta_tagged` is true;
 * - `draft_only`: `draft_and_publish` is true and `live_updated_at` is NULL.
 * A state's locale NULL (never written by the plugin) is kept as NULL_LOCALE, which no locale filter
 * names, as no `IN` list matches NULL; a state without a type counts nowhere (no filter can name it).
 *
 * Kept by the same triggers as the cell counts (repositories/cell-counts), versioned and recounted with
 * them. At most 4 × 2 × 2 × 2 combinations, in practice a handful per type, locale and bucket.
 */
export const STATE_COUNTS_TABLE = 'jm_state_counts';
/** The table the state counts replace (trigger versions v1–v2: untagged states per type and locale). */
export const LEGACY_UNTAGGED_COUNTS_TABLE = 'jm_untagged_counts';

/** The count key, in the primary key's order: the audit's read seeks type, grain, then a bucket range. */
export const STATE_KEY = [
  'content_type',
  'grain',
  'bucket',
  'entry_locale',
  'tagged',
  'other_tagged',
  'no_cta',
  'draft_only',
] as const;
/** The entry-state columns the counts read: an update that changes none of them changes no count. */
export const STATE_FIELDS = [
  'content_type',
  'entry_locale',
  'tagged',
  'other_locale_tagged',
  'no_cta_tagged',
  'draft_and_publish',
  'live_updated_at',
  'entry_updated_at',
];
const NULL_LOCALE = '(null)';
const GRAINS = `(select 'y' as grain union all select 'm' union all select 'd')`;

/** The audit flags that are a test of an entry state's own columns (`unread` needs the analytics). */
export type StateFlag = Exclude<AuditFlag, 'unread'>;

/**
 * Keeps the states (alias `s`) that carry `flag`: the test the audit's scan applies and the one the
 * counts' flag columns record, written once for both.
 */
export function whereStateFlag(b: Knex.QueryBuilder, flag: StateFlag | undefined, cutoff: Date, s = 's') {
  const notTagged = (w: Knex.QueryBuilder) => w.where((o) => o.where(`${s}.tagged`, false).orWhereNull(`${s}.tagged`));
  switch (flag) {
    case 'untagged':
      return notTagged(b);
    case 'missingInOtherLocale':
      return notTagged(b).where(`${s}.other_locale_tagged`, true);
    case 'phaseWithoutCta':
      return b.where(`${s}.no_cta_tagged`, true);
    case 'stale':
      return b.where(`${s}.entry_updated_at`, '<', cutoff);
    case 'draftOnly':
      return b.where(`${s}.draft_and_publish`, true).whereNull(`${s}.live_updated_at`);
    default:
      return b;
  }
}

/** The same tests on a count row (alias `c`), for every flag but `stale` (a date range there). */
const COUNTED_FLAG: Record<Exclude<StateFlag, 'stale'>, string> = {
  untagged: 'c.tagged <> 1',
  missingInOtherLocale: 'c.tagged <> 1 and c.other_tagged = 1',
  phaseWithoutCta: 'c.no_cta = 1',
  draftOnly: 'c.draft_only = 1',
};

/** The state counts of `source` (a derived table with STATE_FIELDS and `sign`), without the groups that sum to nothing. */
export function stateCountsOf(dialect: Dialect, source: string) {
  const b = bucketSql(dialect);
  const date = 't.entry_updated_at';
  const keys = STATE_KEY.map((k) => `r.${k}`).join(', ');
  return `select ${keys}, sum(r.sign) as n
    from (select t.content_type as content_type, g.grain as grain,
        case when ${date} is null then '' when g.grain = 'y' then ${b.year(date)} when g.grain = 'm' then ${b.month(date)} else ${b.day(date)} end as bucket,
        coalesce(t.entry_locale, '${NULL_LOCALE}') as entry_locale,
        case when t.tagged then 1 when not t.tagged then 0 else 2 end as tagged,
        case when t.other_locale_tagged then 1 else 0 end as other_tagged,
        case when t.no_cta_tagged then 1 else 0 end as no_cta,
        case when t.draft_and_publish and t.live_updated_at is null then 1 else 0 end as draft_only,
        t.sign as sign
      from ${source} t cross join ${GRAINS} g
      where t.content_type is not null and (g.grain = 'y' or ${date} is not null)) r
    group by ${keys}
    having sum(r.sign) <> 0`;
}

/** The columns of `jm_state_counts`. */
export function stateCountsColumns(t: Knex.CreateTableBuilder) {
  t.string('content_type', 191).notNullable();
  t.string('grain', 1).notNullable();
  t.string('bucket', 10).notNullable();
  t.string('entry_locale', 32).notNullable();
  t.smallint('tagged').notNullable();
  t.smallint('other_tagged').notNullable();
  t.smallint('no_cta').notNullable();
  t.smallint('draft_only').notNullable();
  t.bigInteger('n').notNullable().defaultTo(0);
  t.primary([...STATE_KEY], 'jm_state_counts_pk');
}

/** The size of a set of states and how many of them carry each flag (`stale` is a set of its own: `flagSums`). */
export interface FlagSums {
  n: number;
  untagged: number;
  draftOnly: number;
  phaseWithoutCta: number;
  missingInOtherLocale: number;
}

/** Which states the audit counts: of these types (and locales), carrying `flag` when set. */
export interface StateCountsQuery {
  types: string[];
  /** entry locales kept; null: every locale */
  locales: string[] | null;
  flag?: StateFlag;
  /** states last updated before it are stale */
  cutoff: Date;
  /** the caller's entries: limits by type and locale only (`EntryScope.limitsByLocale`), applied to the count rows */
  readable: EntryScope;
}

const SUMS = ['n', 'untagged', 'draftOnly', 'phaseWithoutCta', 'missingInOtherLocale'] as const;
/** The read's column of each sum, in lower case: PostgreSQL folds unquoted names. */
const FLAG_ALIASES: Record<keyof FlagSums, string> = {
  n: 'n',
  untagged: 'untagged',
  draftOnly: 'draft_only',
  phaseWithoutCta: 'no_cta',
  missingInOtherLocale: 'missing',
};

export const stateCountsRepository = (on: Queryable, dialect: Dialect) => {
  const db = knexOf(on);
  const b = bucketSql(dialect);

  return {
    /**
     * The states of the query (`all`) and the stale ones among them (`stale`), with how many of each
     * carry each flag. `all` is the year rows; `stale` the years before the cutoff's year, the months
     * before its month within its year, the days before its day within its month, and — exactly, to the
     * millisecond — the states of the cutoff's own day before the cutoff, read from the states (a range
     * of at most one day). At most (years) + 11 + 30 count rows per type, locale and flag combination.
     */
    async flagSums(q: StateCountsQuery): Promise<{ all: FlagSums; stale: FlagSums }> {
      // Each part's flags, one column each (1 or 0), named as the sums read them.
      const flags = (c: Record<Exclude<keyof FlagSums, 'n'>, string>) =>
        SUMS.filter((k) => k !== 'n').map((k) =>
          db.raw(`${c[k as Exclude<keyof FlagSums, 'n'>]} as ${FLAG_ALIASES[k]}`)
        );
      const countedFlags = flags({
        untagged: `case when ${COUNTED_FLAG.untagged} then 1 else 0 end`,
        draftOnly: 'c.draft_only',
        phaseWithoutCta: 'c.no_cta',
        missingInOtherLocale: `case when ${COUNTED_FLAG.missingInOtherLocale} then 1 else 0 end`,
      });
      const param = b.param;
      if (!q.readable.limitsByLocale(q.types)) throw new Error('state counts: the read scope tests entries one by one');
      // The scope's own test (type, and locale when limited), on the count rows as on the states. The rows
      // have no documentId: a scope that needs one is refused above, and this name would fail the query.
      const readableOnly = (qb: Knex.QueryBuilder, alias: string) =>
        q.readable.restrict(
          qb,
          {
            contentType: `${alias}.content_type`,
            documentId: `${alias}.no_document_id`,
            locale: `${alias}.entry_locale`,
          },
          q.types
        );
      const counted = (grain: 'y' | 'm' | 'd') => {
        const qb = db(`${STATE_COUNTS_TABLE} as c`).whereIn('c.content_type', q.types).where('c.grain', grain);
        if (grain === 'y') {
          qb.select(
            db.raw('c.n as in_all'),
            db.raw(`case when c.bucket <> '' and c.bucket < ${b.year(param)} then c.n else 0 end as in_stale`, [
              q.cutoff,
            ])
          );
        } else {
          qb.select(db.raw('0 as in_all'), db.raw('c.n as in_stale'));
          if (grain === 'm')
            qb.whereRaw(`c.bucket > ${b.year(param)}`, [q.cutoff]).whereRaw(`c.bucket < ${b.month(param)}`, [q.cutoff]);
          else
            qb.whereRaw(`c.bucket > ${b.month(param)}`, [q.cutoff]).whereRaw(`c.bucket < ${b.day(param)}`, [q.cutoff]);
        }
        qb.select(...countedFlags);
        if (q.locales) qb.whereIn('c.entry_locale', q.locales);
        if (q.flag && q.flag !== 'stale') qb.whereRaw(COUNTED_FLAG[q.flag]);
        return readableOnly(qb, 'c');
      };
      const firstDay = db(`${ENTRY_STATES_TABLE} as s`)
        .select(
          db.raw('0 as in_all'),
          db.raw('1 as in_stale'),
          ...flags({
            untagged: 'case when s.tagged then 0 else 1 end',
            draftOnly: 'case when s.draft_and_publish and s.live_updated_at is null then 1 else 0 end',
            phaseWithoutCta: 'case when s.no_cta_tagged then 1 else 0 end',
            missingInOtherLocale: 'case when s.tagged then 0 when s.other_locale_tagged then 1 else 0 end',
          })
        )
        .whereIn('s.content_type', q.types)
        .whereRaw(`s.entry_updated_at >= ${b.dayStart(param)}`, [q.cutoff])
        .where('s.entry_updated_at', '<', q.cutoff);
      if (q.locales) firstDay.whereIn('s.entry_locale', q.locales);
      whereStateFlag(firstDay, q.flag, q.cutoff);
      readableOnly(firstDay, 's');

      const sums = (part: 'in_all' | 'in_stale') =>
        SUMS.map((k) =>
          db.raw(`sum(u.${part}${k === 'n' ? '' : ` * u.${FLAG_ALIASES[k]}`}) as ${part}_${FLAG_ALIASES[k]}`)
        );
      const all = counted('y').unionAll([counted('m'), counted('d'), firstDay]);
      const row = (await db
        .from(all.as('u'))
        .select(...sums('in_all'), ...sums('in_stale'))
        .first()) as Record<string, unknown> | undefined;
      const read = (part: 'in_all' | 'in_stale') =>
        Object.fromEntries(
          SUMS.map((k) => [k, Number(row?.[`${part}_${FLAG_ALIASES[k]}`] ?? 0)])
        ) as unknown as FlagSums;
      return { all: read('in_all'), stale: read('in_stale') };
    },
  };
};
