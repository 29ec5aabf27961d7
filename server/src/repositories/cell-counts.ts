import type { Knex } from 'knex';
import { knexOf, type Queryable } from '../db/queryable';
import { MODEL_TABLES, type Dialect } from './locks';
import { ASSIGNMENTS_TABLE, TAG_COLUMNS as T } from './tags';
import { ENTRY_STATES_TABLE } from './entry-states';

/**
 * Maintained counts, so that coverage reads a number of rows that does not grow with the entries.
 *
 * `jm_cell_counts`: per basis ('l' the published version's date `entry_live_at`, 'a' the last update of
 * any version `entry_updated_at`), phase, persona ('' all personas), type, locale ('' none) and date
 * bucket (grain 'y': 'YYYY', 'm': 'YYYY-MM', 'd': 'YYYY-MM-DD', all three kept for every tag), the number of tags
 * (`n`) and of first-in-phase tags (`firsts`). A tag without the basis' date counts nowhere, nor one with
 * a NULL persona or locale (the plugin writes '' for "all personas" and "no locale"; the index count
 * never matched a NULL either).
 * `jm_untagged_counts`: per type and locale, the entry states with `tagged = false`.
 *
 * Both are plain tables (not content types): `strapi export` / `transfer` never carry them, they always
 * describe the tags of the database they are in. Database triggers on `jm_assignments` and
 * `jm_entry_states` keep them in the writer's own transaction, whatever writes (the plugin, Strapi's
 * data transfer, raw SQL, another instance); increments are upserts, atomic under concurrent writers.
 * Buckets are computed by the database from the stored value (and the read computes the cutoff's
 * buckets the same way from the bound parameter), so they agree with the `>=` comparison of the index
 * count whatever the time zone the driver writes dates in.
 */
export const CELL_COUNTS_TABLE = 'jm_cell_counts';
export const UNTAGGED_COUNTS_TABLE = 'jm_untagged_counts';

/** Bumped whenever a trigger's body changes: boot replaces triggers of another version and recounts. */
export const TRIGGER_VERSION = 'v2';
const TRIGGER_PREFIX = 'jm_cc_';
const trigger = (name: string) => `${TRIGGER_PREFIX}${name}_${TRIGGER_VERSION}`;

/** The count key, in the primary key's order (upserts lock count rows in this order). */
const CELL_KEY = ['basis', 'phase_id', 'persona_id', 'content_type', 'grain', 'bucket', 'entry_locale'] as const;
const UNTAGGED_KEY = ['content_type', 'entry_locale'] as const;

/** SQL of the dialect for the month and day bucket of a date expression, and the next day's start. */
export const bucketSql = (dialect: Dialect) => {
  if (dialect === 'postgres') {
    return {
      year: (x: string) => `to_char(${x}, 'YYYY')`,
      month: (x: string) => `to_char(${x}, 'YYYY-MM')`,
      day: (x: string) => `to_char(${x}, 'YYYY-MM-DD')`,
      /** the last month key of x's year ('YYYY-12') */
      yearEnd: (x: string) => `to_char(${x}, 'YYYY-"12"')`,
      /** the last possible day key of x's month ('YYYY-MM-31') */
      monthEnd: (x: string) => `to_char(${x}, 'YYYY-MM-"31"')`,
      param: 'cast(? as timestamp)',
      nextDay: (x: string) => `(date_trunc('day', ${x}) + interval '1 day')`,
    };
  }
  if (dialect === 'mysql') {
    return {
      year: (x: string) => `date_format(${x}, '%Y')`,
      month: (x: string) => `date_format(${x}, '%Y-%m')`,
      day: (x: string) => `date_format(${x}, '%Y-%m-%d')`,
      yearEnd: (x: string) => `date_format(${x}, '%Y-12')`,
      monthEnd: (x: string) => `date_format(${x}, '%Y-%m-31')`,
      param: 'cast(? as datetime(6))',
      nextDay: (x: string) => `(cast(${x} as date) + interval 1 day)`,
    };
  }
  // SQLite: Strapi stores datetimes as epoch milliseconds (UTC).
  return {
    year: (x: string) => `strftime('%Y', ${x} / 1000, 'unixepoch')`,
    month: (x: string) => `strftime('%Y-%m', ${x} / 1000, 'unixepoch')`,
    day: (x: string) => `strftime('%Y-%m-%d', ${x} / 1000, 'unixepoch')`,
    yearEnd: (x: string) => `strftime('%Y-12', ${x} / 1000, 'unixepoch')`,
    monthEnd: (x: string) => `strftime('%Y-%m-31', ${x} / 1000, 'unixepoch')`,
    param: 'cast(? as integer)',
    nextDay: (x: string) => `((${x} / 86400000 + 1) * 86400000)`,
  };
};

/** The six (basis, grain) pairs every tag with both dates is counted under, as a portable derived table. */
const KINDS = `(select 'l' as basis, 'y' as grain union all select 'l', 'm' union all select 'l', 'd'
  union all select 'a', 'y' union all select 'a', 'm' union all select 'a', 'd')`;

/**
 * The counts of `source` (a derived table with the tag columns and a `sign` column: 1 to add, -1 to take
 * away), grouped by the count key, without the groups that sum to nothing.
 */
function cellCountsOf(dialect: Dialect, source: string) {
  const b = bucketSql(dialect);
  const date = `(case when k.basis = 'l' then t.${T.entryLiveAt} else t.${T.entryUpdatedAt} end)`;
  const first = `(case when t.${T.firstInPhase} then t.sign else 0 end)`;
  const bucket = `(case when k.grain = 'y' then ${b.year(date)} when k.grain = 'm' then ${b.month(date)} else ${b.day(date)} end)`;
  return `select k.basis as basis, k.grain as grain, ${bucket} as bucket,
      t.${T.phaseId} as phase_id, t.${T.personaId} as persona_id, t.${T.contentType} as content_type,
      t.${T.entryLocale} as entry_locale, sum(t.sign) as n, sum(${first}) as firsts
    from ${source} t cross join ${KINDS} k
    where ${date} is not null and t.${T.personaId} is not null and t.${T.entryLocale} is not null
    group by k.basis, k.grain, ${bucket}, t.${T.phaseId},
      t.${T.personaId}, t.${T.contentType}, t.${T.entryLocale}
    having sum(t.sign) <> 0 or sum(${first}) <> 0`;
}

/** The untagged counts of `source` (entry-state columns and `sign`). */
function untaggedCountsOf(source: string) {
  return `select t.content_type as content_type, t.entry_locale as entry_locale,
      sum(case when t.tagged = false then t.sign else 0 end) as n
    from ${source} t
    where t.entry_locale is not null
    group by t.content_type, t.entry_locale
    having sum(case when t.tagged = false then t.sign else 0 end) <> 0`;
}

const TAG_FIELDS = [T.phaseId, T.personaId, T.contentType, T.entryLocale, T.firstInPhase, T.entryUpdatedAt, T.entryLiveAt];
const STATE_FIELDS = ['content_type', 'entry_locale', 'tagged'];

/** A derived table of one row's fields (`row`: new or old) with `sign`, for the row-level triggers. */
const rowSource = (row: 'new' | 'old', fields: string[], sign: 1 | -1) =>
  `(select ${fields.map((f) => `${row}.${f} as ${f}`).join(', ')}, ${sign} as sign)`;

/** `insert … select … on conflict add` into `table` keyed by `key`. */
function upsertSql(dialect: Dialect, table: string, key: readonly string[], values: string[], select: string) {
  const cols = [...key, ...values];
  if (dialect === 'mysql') {
    return `insert into ${table} (${cols.join(', ')}) select ${cols.join(', ')} from (${select}) d
      on duplicate key update ${values.map((v) => `${table}.${v} = ${table}.${v} + values(${v})`).join(', ')}`;
  }
  // `where true`: SQLite needs it to read ON CONFLICT after a SELECT; ordered keys take row locks in one
  // order in every writer (PostgreSQL), so two bulk writers do not deadlock on count rows.
  return `insert into ${table} (${cols.join(', ')}) select ${cols.join(', ')} from (${select}) d where true
    order by ${key.join(', ')}
    on conflict (${key.join(', ')}) do update set ${values.map((v) => `${v} = ${table}.${v} + excluded.${v}`).join(', ')}`;
}

/** The statements that create the triggers of the dialect (names carry TRIGGER_VERSION). */
export function triggerStatements(dialect: Dialect): string[] {
  const cells = (source: string) => upsertSql(dialect, CELL_COUNTS_TABLE, CELL_KEY, ['n', 'firsts'], cellCountsOf(dialect, source));
  const untagged = (source: string) => upsertSql(dialect, UNTAGGED_COUNTS_TABLE, UNTAGGED_KEY, ['n'], untaggedCountsOf(source));
  const changed = (fields: string[], same: (f: string) => string) => fields.map(same).join(' and ');

  if (dialect === 'postgres') {
    // Statement-level with transition tables: a bulk write (a type's dates stamped on 100,000 tags) is
    // one grouped upsert, not one per row.
    const out: string[] = [];
    for (const [name, table, upsert, fields] of [
      ['tags', ASSIGNMENTS_TABLE, cells, TAG_FIELDS],
      ['states', ENTRY_STATES_TABLE, untagged, STATE_FIELDS],
    ] as const) {
      const cols = fields.join(', ');
      const sources = {
        INSERT: `(select ${cols}, 1 as sign from jm_new)`,
        DELETE: `(select ${cols}, -1 as sign from jm_old)`,
        UPDATE: `(select ${cols}, 1 as sign from jm_new union all select ${cols}, -1 as sign from jm_old)`,
      };
      for (const [op, source] of Object.entries(sources)) {
        const fn = trigger(`${name}_${op.toLowerCase()}`);
        out.push(`create or replace function ${fn}() returns trigger language plpgsql as $jm$
          begin ${upsert(source)}; return null; end $jm$`);
        const refs = op === 'INSERT' ? 'new table as jm_new' : op === 'DELETE' ? 'old table as jm_old' : 'old table as jm_old new table as jm_new';
        out.push(`create trigger ${fn} after ${op.toLowerCase()} on ${table} referencing ${refs} for each statement execute function ${fn}()`);
      }
    }
    return out;
  }

  const out: string[] = [];
  for (const [name, table, upsert, fields] of [
    ['tags', ASSIGNMENTS_TABLE, cells, TAG_FIELDS],
    ['states', ENTRY_STATES_TABLE, untagged, STATE_FIELDS],
  ] as const) {
    const ins = upsert(rowSource('new', [...fields], 1));
    const del = upsert(rowSource('old', [...fields], -1));
    const both = `(select ${fields.map((f) => `new.${f} as ${f}`).join(', ')}, 1 as sign union all select ${fields
      .map((f) => `old.${f}`)
      .join(', ')}, -1)`;
    const upd = upsert(both);
    if (dialect === 'mysql') {
      const same = changed([...fields], (f) => `old.${f} <=> new.${f}`);
      out.push(`create trigger ${trigger(`${name}_insert`)} after insert on ${table} for each row ${ins}`);
      out.push(`create trigger ${trigger(`${name}_delete`)} after delete on ${table} for each row ${del}`);
      out.push(`create trigger ${trigger(`${name}_update`)} after update on ${table} for each row begin if not (${same}) then ${upd}; end if; end`);
    } else {
      const same = changed([...fields], (f) => `old.${f} is new.${f}`);
      out.push(`create trigger ${trigger(`${name}_insert`)} after insert on ${table} for each row begin ${ins}; end`);
      out.push(`create trigger ${trigger(`${name}_delete`)} after delete on ${table} for each row begin ${del}; end`);
      out.push(`create trigger ${trigger(`${name}_update`)} after update on ${table} for each row when not (${same}) begin ${upd}; end`);
    }
  }
  return out;
}

/** The trigger names the current version creates. */
export const expectedTriggers = () =>
  ['tags', 'states'].flatMap((name) => ['insert', 'delete', 'update'].map((op) => trigger(`${name}_${op}`)));

/** Which tags count in a cell: see repositories/coverage. */
export interface CountsQuery {
  phaseIds: string[];
  types: string[];
  includeDrafts: boolean;
  cutoff: Date;
  locales: string[] | null;
}

export const cellCountsRepository = (on: Queryable, dialect: Dialect) => {
  const db = knexOf(on);

  return {
    async ensureTables() {
      const create = async (table: string, build: (t: Knex.CreateTableBuilder) => void) => {
        if (await db.schema.hasTable(table)) return false;
        try {
          await db.schema.createTable(table, build);
        } catch (error) {
          // Another instance created it between the check and the create.
          if (!(await db.schema.hasTable(table))) throw error;
          return false;
        }
        return true;
      };
      const cells = await create(CELL_COUNTS_TABLE, (t) => {
        t.string('basis', 1).notNullable();
        t.string('grain', 1).notNullable();
        t.string('bucket', 10).notNullable();
        t.string('phase_id', 64).notNullable();
        t.string('persona_id', 64).notNullable();
        t.string('content_type', 191).notNullable();
        t.string('entry_locale', 32).notNullable();
        t.bigInteger('n').notNullable().defaultTo(0);
        t.bigInteger('firsts').notNullable().defaultTo(0);
        // The read's ranges: equalities on (basis, phase, persona, type, grain), then a bucket range; the
        // locale (filtered or not) last, so that an unfiltered read still seeks the bucket range.
        t.primary(['basis', 'phase_id', 'persona_id', 'content_type', 'grain', 'bucket', 'entry_locale'], 'jm_cell_counts_pk');
      });
      if (dialect === 'postgres') {
        // PostgreSQL walks the key once per (phase, persona, type) combination of the read's lists (168
        // descents a part for 8 phases, 7 personas and 3 types: 9 ms for a part that finds nothing, at
        // 20,000 entries); by grain and phase it seeks each bucket range directly (0.2 ms). Also added to
        // the tables of earlier versions, here at boot.
        try {
          await db.raw(`create index if not exists ${CELL_COUNTS_TABLE}_phase_bucket_idx on ${CELL_COUNTS_TABLE} (basis, grain, phase_id, bucket)`);
        } catch (error) {
          // Another instance created it at the same moment.
          const found = await db.raw(`select 1 from pg_indexes where indexname = ?`, [`${CELL_COUNTS_TABLE}_phase_bucket_idx`]);
          if (!found.rows.length) throw error;
        }
      }
      const untagged = await create(UNTAGGED_COUNTS_TABLE, (t) => {
        t.string('content_type', 191).notNullable();
        t.string('entry_locale', 32).notNullable();
        t.bigInteger('n').notNullable().defaultTo(0);
        t.primary(['content_type', 'entry_locale'], 'jm_untagged_counts_pk');
      });
      return cells || untagged;
    },

    /** The plugin's count triggers present in the database (any version). */
    async triggers(): Promise<string[]> {
      let rows: Array<{ name: string }>;
      if (dialect === 'postgres') {
        rows = (await db.raw(`select distinct tgname as name from pg_trigger where not tgisinternal and tgname like ?`, [`${TRIGGER_PREFIX}%`])).rows;
      } else if (dialect === 'mysql') {
        [rows] = await db.raw(`select trigger_name as name from information_schema.triggers where trigger_schema = database() and trigger_name like ?`, [
          `${TRIGGER_PREFIX}%`,
        ]);
      } else {
        rows = await db.raw(`select name from sqlite_master where type = 'trigger' and name like ?`, [`${TRIGGER_PREFIX}%`]);
      }
      return rows.map((r: any) => String(r.name ?? r.NAME ?? r.TRIGGER_NAME)).sort();
    },

    /** Drops the plugin's count triggers (and PostgreSQL's trigger functions) of any version. */
    async dropTriggers() {
      for (const name of await this.triggers()) {
        if (dialect === 'postgres') {
          const table = name.startsWith(`${TRIGGER_PREFIX}tags`) ? ASSIGNMENTS_TABLE : ENTRY_STATES_TABLE;
          await db.raw(`drop trigger if exists ${name} on ${table}`);
          await db.raw(`drop function if exists ${name}()`);
        } else {
          await db.raw(`drop trigger if exists ${name}`);
        }
      }
    },

    /** Creates the current version's triggers (callers drop others first). */
    async createTriggers() {
      for (const sql of triggerStatements(dialect)) await db.raw(sql);
    },

    /**
     * Counts every tag and entry state again, from scratch, while no one writes them: PostgreSQL locks
     * the source table in share mode (writers wait, readers do not), MySQL/MariaDB takes shared locks on
     * every source row and gap, SQLite has one writer. Run in a transaction (`on`) of its own.
     */
    async rebuild() {
      if (dialect === 'postgres') await db.raw(`lock table ${ASSIGNMENTS_TABLE} in share mode`);
      if (dialect === 'mysql') await db.raw(`select count(*) from ${ASSIGNMENTS_TABLE} lock in share mode`);
      await db(CELL_COUNTS_TABLE).del();
      const cols = [...CELL_KEY, 'n', 'firsts'].join(', ');
      const recount = cellCountsOf(dialect, `(select ${TAG_FIELDS.join(', ')}, 1 as sign from ${ASSIGNMENTS_TABLE})`);
      await db.raw(`insert into ${CELL_COUNTS_TABLE} (${cols}) select ${cols} from (${recount}) r`);
    },

    /** `rebuild` for the untagged counts (the entry states), in a transaction of its own. */
    async rebuildUntagged() {
      if (dialect === 'postgres') await db.raw(`lock table ${ENTRY_STATES_TABLE} in share mode`);
      if (dialect === 'mysql') await db.raw(`select count(*) from ${ENTRY_STATES_TABLE} lock in share mode`);
      await db(UNTAGGED_COUNTS_TABLE).del();
      const cols = [...UNTAGGED_KEY, 'n'].join(', ');
      const recount = untaggedCountsOf(`(select ${STATE_FIELDS.join(', ')}, 1 as sign from ${ENTRY_STATES_TABLE})`);
      await db.raw(`insert into ${UNTAGGED_COUNTS_TABLE} (${cols}) select ${cols} from (${recount}) r`);
    },

    /**
     * Count rows that differ from a recount of the tags (and of the entry states): one statement each, so
     * one snapshot of both tables even while others write.
     */
    async countWrong(): Promise<{ cells: number; untagged: number }> {
      const keys = CELL_KEY.join(', ');
      const cellDiff = `select ${keys}, sum(n) as n, sum(firsts) as firsts from (
          select ${keys}, n, firsts from ${CELL_COUNTS_TABLE}
          union all
          select ${keys}, -n, -firsts from (${cellCountsOf(dialect, `(select ${TAG_FIELDS.join(', ')}, 1 as sign from ${ASSIGNMENTS_TABLE})`)}) r
        ) u group by ${keys} having sum(n) <> 0 or sum(firsts) <> 0`;
      const ukeys = UNTAGGED_KEY.join(', ');
      const untaggedDiff = `select ${ukeys}, sum(n) as n from (
          select ${ukeys}, n from ${UNTAGGED_COUNTS_TABLE}
          union all
          select ${ukeys}, -n from (${untaggedCountsOf(`(select ${STATE_FIELDS.join(', ')}, 1 as sign from ${ENTRY_STATES_TABLE})`)}) r
        ) u group by ${ukeys} having sum(n) <> 0`;
      const count = async (sql: string) => {
        const result = await db.raw(`select count(*) as n from (${sql}) x`);
        const rows = dialect === 'postgres' ? result.rows : dialect === 'mysql' ? result[0] : result;
        return Number(rows[0]?.n ?? 0);
      };
      return { cells: await count(cellDiff), untagged: await count(untaggedDiff) };
    },

    /**
     * Tags and first-in-phase tags per (phase, persona) counted since `cutoff`: whole years after the
     * cutoff's year, whole months after its month within its year and whole days after its day within its
     * month from the counts, and the cutoff's own day (from the cutoff on) from the tags' index, a range
     * of at most one day. Per cell, type and locale that is at most (years since) + 11 + 30 count rows.
     */
    async cellCounts(q: CountsQuery): Promise<Array<{ phase_id: string; persona_id: string; n: unknown; firsts: unknown }>> {
      const b = bucketSql(dialect);
      const basis = q.includeDrafts ? 'a' : 'l';
      const dateColumn = `a.${q.includeDrafts ? T.entryUpdatedAt : T.entryLiveAt}`;
      // Every persona ('' and those of the persona table, as the index count reads them), as a list of
      // values: with the phases and types it makes equality seeks, so each part reads only its date range.
      // Not a subquery: MariaDB turns `IN (subquery)` into a semi-join and then ranges on the key's first
      // column only, reading every count row of the basis (20,000 entries: 30,220 rows a part, 61 ms;
      // with the values 2,295 rows in all, 8.7 ms).
      const personas = [...(await db(MODEL_TABLES.persona).pluck('document_id')), ''] as string[];
      const scope = (qb: Knex.QueryBuilder, prefix: string, locale: string) => {
        qb.whereIn(`${prefix}${T.phaseId}`, q.phaseIds)
          .whereIn(`${prefix}${T.personaId}`, personas)
          .whereIn(`${prefix}${T.contentType}`, q.types);
        if (q.locales) qb.whereIn(locale, q.locales);
        return qb;
      };
      const counted = (grain: 'y' | 'm' | 'd') => {
        const qb = scope(db(`${CELL_COUNTS_TABLE} as c`).select('c.phase_id', 'c.persona_id', 'c.n', 'c.firsts'), 'c.', 'c.entry_locale')
          .where('c.basis', basis)
          .where('c.grain', grain);
        if (grain === 'y') qb.whereRaw(`c.bucket > ${b.year(b.param)}`, [q.cutoff]);
        else if (grain === 'm') qb.whereRaw(`c.bucket > ${b.month(b.param)}`, [q.cutoff]).whereRaw(`c.bucket <= ${b.yearEnd(b.param)}`, [q.cutoff]);
        else qb.whereRaw(`c.bucket > ${b.day(b.param)}`, [q.cutoff]).whereRaw(`c.bucket <= ${b.monthEnd(b.param)}`, [q.cutoff]);
        return qb;
      };
      const firstDay = scope(
        db(`${ASSIGNMENTS_TABLE} as a`).select(
          `a.${T.phaseId} as phase_id`,
          `a.${T.personaId} as persona_id`,
          db.raw('1 as n'),
          db.raw(`case when a.${T.firstInPhase} then 1 else 0 end as firsts`)
        ),
        'a.',
        `a.${T.entryLocale}`
      )
        .where(dateColumn, '>=', q.cutoff)
        .whereRaw(`${dateColumn} < ${b.nextDay(b.param)}`, [q.cutoff]);
      const all = counted('y').unionAll([counted('m'), counted('d'), firstDay]);
      return db
        .from(all.as('u'))
        .select('u.phase_id', 'u.persona_id')
        .sum({ n: 'u.n', firsts: 'u.firsts' })
        .groupBy('u.phase_id', 'u.persona_id');
    },

    /** Untagged entry states of the types (and locales). */
    async untagged(types: string[], locales: string[] | null): Promise<number> {
      const qb = db(UNTAGGED_COUNTS_TABLE).whereIn('content_type', types).sum({ n: 'n' }).first();
      if (locales) qb.whereIn('entry_locale', locales);
      const row = (await qb) as { n?: unknown } | undefined;
      return Number(row?.n ?? 0);
    },
  };
};
