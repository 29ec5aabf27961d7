import { knexOf, type Queryable } from '../db/queryable';
import type { KpiValue } from '../../../shared/contracts/measure';
import { stamp } from './upsert';

export const KPI_VALUES_TABLE = 'jm_kpi_values';

interface KpiValueRow {
  id: number | string;
  cta_id: string;
  value_date: string;
  value: number | string;
  note: string | null;
  updated_at: Date | number | string | null;
}

const COLUMNS = ['id', 'cta_id', 'value_date', 'value', 'note', 'updated_at'] as const;

// SQLite hands raw timestamps back as epoch milliseconds, the others as dates: one ISO string for all.
const toKpiValue = (r: KpiValueRow): KpiValue => ({
  id: Number(r.id),
  cta: r.cta_id,
  date: r.value_date,
  value: Number(r.value),
  note: r.note ?? null,
  updatedAt: r.updated_at == null ? null : new Date(r.updated_at).toISOString(),
});

/** KPI values entered by hand: one per (CTA, date). */
export const kpiValuesRepository = (on: Queryable) => {
  const k = knexOf(on);
  return {
    /** The values of the CTAs `ctaIds` (every date). */
    async forCtas(ctaIds: string[]): Promise<KpiValue[]> {
      if (!ctaIds.length) return [];
      const rows: KpiValueRow[] = await k(KPI_VALUES_TABLE)
        .select(...COLUMNS)
        .whereIn('cta_id', ctaIds);
      return rows.map(toKpiValue);
    },

    /** A CTA's values, latest date first. */
    async forCta(ctaId: string): Promise<KpiValue[]> {
      const rows: KpiValueRow[] = await k(KPI_VALUES_TABLE)
        .select(...COLUMNS)
        .where('cta_id', ctaId)
        .orderBy('value_date', 'desc');
      return rows.map(toKpiValue);
    },

    /** Enters the value of a CTA on a date, or replaces the one entered before; returns it as stored. */
    async put(value: { cta: string; date: string; value: number; note: string | null }): Promise<KpiValue> {
      const row = { ...stamp(), cta_id: value.cta, value_date: value.date, value: value.value, note: value.note };
      await k(KPI_VALUES_TABLE)
        .insert(row)
        .onConflict(['cta_id', 'value_date'])
        .merge({ value: value.value, note: value.note, updated_at: row.updated_at });
      const stored: KpiValueRow = await k(KPI_VALUES_TABLE)
        .select(...COLUMNS)
        .where({ cta_id: value.cta, value_date: value.date })
        .first();
      return toKpiValue(stored);
    },

    /** The CTA a value was entered for, or null when there is no such value. */
    async ctaOf(id: number): Promise<string | null> {
      const row = (await k(KPI_VALUES_TABLE).select('cta_id').where('id', id).first()) as { cta_id: string } | undefined;
      return row?.cta_id ?? null;
    },

    /** Deletes one value; returns how many rows went (0 or 1). */
    async delete(id: number): Promise<number> {
      return Number(await k(KPI_VALUES_TABLE).where('id', id).del());
    },
  };
};
