import { knexOf, type Queryable } from '../db/queryable';
import { isUniqueViolation } from './snapshots';
import { stamp } from './upsert';

export const WEBHOOK_STATES_TABLE = 'jm_webhook_states';

/** What a row tracks: the cells of one journey × locale, or the KPI statuses of one journey's CTAs. */
export type WebhookScope = 'cells' | 'kpis';

/** A stored group: its last known states (key → state) and the version a change must claim. */
export interface StoredStates<S> {
  id: number;
  version: number;
  states: Record<string, S>;
}

interface Row {
  id: number | string;
  version: number | string;
  states: string;
}

/**
 * `jm_webhook_states`: one row per tracked group (scope, subject) holding its last known states as
 * JSON and a version. A change is claimed with a compare-and-set (`UPDATE … WHERE version = ?`): of two
 * instances that saw the same group at the same version, exactly one update matches, so exactly one of
 * them announces the change. The unique index (scope, subject) does the same for the first row.
 */
export const webhookStatesRepository = (on: Queryable) => {
  const db = knexOf(on);
  return {
    async get<S>(scope: WebhookScope, subject: string): Promise<StoredStates<S> | null> {
      const row: Row | undefined = await db(WEBHOOK_STATES_TABLE).select('id', 'version', 'states').where({ scope, subject }).first();
      if (!row) return null;
      return { id: Number(row.id), version: Number(row.version), states: JSON.parse(row.states) as Record<string, S> };
    },

    /** Stores the group's first states; false when another writer stored them first. */
    async insert<S>(scope: WebhookScope, subject: string, states: Record<string, S>): Promise<boolean> {
      try {
        await db(WEBHOOK_STATES_TABLE).insert({ ...stamp(), scope, subject, states: JSON.stringify(states), version: 1 });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /** Replaces the states if the row is still at `version`; true when this call made the change. */
    async compareAndSet<S>(id: number, version: number, states: Record<string, S>): Promise<boolean> {
      const updated = await db(WEBHOOK_STATES_TABLE)
        .where({ id, version })
        .update({ states: JSON.stringify(states), version: version + 1, updated_at: new Date() });
      return Number(updated) === 1;
    },
  };
};
