import { createHash, randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { originRepository } from '../repositories/origin';

/** What the origin check found: `moved` when the data came from another database (export/import, transfer). */
export interface OriginCheck {
  moved: boolean;
  origin: string;
  /** the tracked types whose entry states were copied again (empty when nothing moved) */
  rebuilt: string[];
}

/**
 * Detects that the plugin's data was moved into this database by Strapi's data transfer (`strapi import`,
 * `strapi transfer`). The database is stamped with an origin id twice: in the core store (which the
 * transfer replaces with the source's) and in the plain table `jm_origin` (which it never touches). When the
 * two differ, the data came from elsewhere: the derived tables (entry-state copies, the tag flags and dates
 * copied from them, the suggestion models) are rebuilt from the moved data rather than trusted, and the
 * database is stamped again. Run at boot, when a `strapi transfer` push into the running site ends
 * (transfer-watch.ts), and by the hourly repair job (other instances of that site).
 */
const originService = ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => originRepository(strapi.db);

  return {
    async check(): Promise<OriginCheck> {
      const repo = repository();
      await repo.ensureTable();
      const [local, carried] = [await repo.local(), await repo.carried()];
      if (local && local === carried) return { moved: false, origin: local, rebuilt: [] };
      if (!local && !carried) {
        const origin = randomUUID();
        await repo.stamp(origin);
        return { moved: false, origin, rebuilt: [] };
      }
      // Moved (or half-stamped): rebuild what is derived, then stamp. The new id depends only on the two
      // old ones, so instances that detect the same move at once stamp the same id.
      const entryStates = getService(strapi, 'entryStates');
      const rebuilt = await entryStates.rebuildAll(await entryStates.noCtaPhases());
      await getService(strapi, 'consistency').repair();
      const origin = createHash('sha256').update(`${carried ?? ''}:${local ?? ''}`).digest('hex').slice(0, 32);
      await repo.stamp(origin);
      strapi.log.info(`[journey-map] data moved from another database (origin ${carried ?? 'none'}): derived tables rebuilt for ${rebuilt.length} types`);
      return { moved: true, origin, rebuilt };
    },
  };
};

export default originService;
