import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_ID } from '../pluginId';
import { ENTRY_STATES_TABLE, entryStatesRepository, type Dialect, type SourceType } from '../repositories/entry-states';

/** How old the last check of the copy may be before a report checks again. */
const RECHECK_MS = 60 * 60 * 1000;

/**
 * Keeps `jm_entry_states` (and the entry dates on the tags) equal to the site's entries:
 * - lifecycles refresh the documents every write touches, inside the writer's transaction;
 * - writing tags refreshes the tagged documents;
 * - `repair()` compares each type's row count and sum of update times with the copy and rebuilds the
 *   types that drifted (entries written with raw SQL or imported around Strapi). Reports run it before
 *   their first read and again when the last check is an hour old; a cron task runs it every hour.
 */
const entryStatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const dialect = () => strapi.db.dialect.client as Dialect;
  const titleColumns = new Map<string, string>();
  let repairing: Promise<string[]> | null = null;
  let checked: Promise<unknown> | null = null;
  let checkedAt = 0;

  async function source(uid: string): Promise<SourceType> {
    const entries = plugin().service('entries');
    // Keyed by the Settings choice too, so a choice saved on another instance is followed at once.
    const chosen = ((await plugin().service('settings').get()).titleFields ?? {})[uid] ?? '';
    const key = `${uid}\0${chosen}`;
    if (!titleColumns.has(key)) {
      const field: string = await plugin().service('contentTypes').mainField(uid);
      const meta = strapi.db.metadata.get(uid as any) as any;
      titleColumns.set(key, meta.attributes[field]?.columnName ?? 'document_id');
    }
    return {
      uid,
      table: entries.table(uid),
      titleColumn: titleColumns.get(key)!,
      localized: entries.isLocalized(uid),
      draftAndPublish: entries.hasDraftAndPublish(uid),
    };
  }

  const kept = (uid: string) => plugin().service('contentTypes').isTrackable(uid) as boolean;

  /**
   * The phases without a CTA that the states' `no_cta_tagged` flags were computed with. Stored with the
   * states (not in memory) so that every Strapi instance sharing the database agrees on it.
   */
  const noCtaStore = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'entry-states-no-cta-phases' });
  const storedNoCtaPhases = async (): Promise<string[]> => ((await noCtaStore().get({})) as string[] | null) ?? [];

  return {
    /** Re-reads documents of a site type, in the caller's transaction when there is one. */
    async refresh(uid: string, documentIds: string[], trx?: Knex.Transaction) {
      if (!kept(uid) || !documentIds.length) return;
      const src = await source(uid);
      // strapi.db.transaction joins a transaction the lifecycle runs in (SQLite has one connection).
      return strapi.db.transaction(async ({ trx: t }) =>
        entryStatesRepository(trx ?? t, dialect()).refresh(src, documentIds, await storedNoCtaPhases())
      );
    },

    async rebuild(uid: string) {
      const src = await source(uid);
      await strapi.db.transaction(async ({ trx }) => entryStatesRepository(trx, dialect()).rebuild(src, await storedNoCtaPhases()));
      return src.titleColumn;
    },

    /**
     * Copies a type's titles again after its title field changed in Settings. Two saves racing (on one
     * instance or several) could commit their copies in the other order than their saves; so after
     * copying, the stored choice is read again and the copy repeated until it was made with it.
     */
    async retitle(uid: string) {
      const settings = plugin().service('settings');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        settings.clearCache();
        const used = await this.rebuild(uid);
        settings.clearCache();
        if ((await source(uid)).titleColumn === used) return;
      }
      strapi.log.warn(`[journey-map] the title field of ${uid} kept changing while its titles were copied`);
    },

    /**
     * Drops the whole copy and copies every trackable type again, with the tag flags for `noCtaPhases`
     * (data migrations; in the caller's transaction when there is one). Returns the types copied.
     */
    async rebuildAll(noCtaPhases: string[]): Promise<string[]> {
      const wanted = [...new Set(noCtaPhases)].sort();
      const uids = plugin().service('contentTypes').trackableUids() as string[];
      titleColumns.clear();
      await strapi.db.transaction(async ({ trx }) => {
        await trx(ENTRY_STATES_TABLE).del();
        const repository = entryStatesRepository(trx, dialect());
        for (const uid of uids) await repository.rebuild(await source(uid), wanted);
        await noCtaStore().set({ value: wanted });
      });
      return uids;
    },

    /** Sets the tag flags again after tags were deleted or moved in bulk, in the caller's transaction. */
    async retag() {
      await strapi.db.transaction(async ({ trx }) => entryStatesRepository(trx, dialect()).retag(await storedNoCtaPhases()));
    },

    /**
     * Makes `no_cta_tagged` follow the CTAs: the audit passes the phases (of every journey) that have no
     * CTA now, and when they differ from the ones the flags were computed with, the flags are recomputed.
     * CTAs can change anywhere (the plugin's API, the Content Manager, an import), so the reader checks.
     */
    async followCtas(noCtaPhases: string[]) {
      const wanted = [...new Set(noCtaPhases)].sort();
      const stored = await storedNoCtaPhases();
      if (stored.length === wanted.length && stored.every((id, i) => id === wanted[i])) return;
      await strapi.db.transaction(async ({ trx }) => {
        await entryStatesRepository(trx, dialect()).retag(wanted);
        await noCtaStore().set({ value: wanted });
      });
    },

    /** The trackable types whose copy differs from their table (row count or update times). */
    async drifted(): Promise<string[]> {
      const out: string[] = [];
      for (const uid of plugin().service('contentTypes').trackableUids() as string[]) {
        const { site, copy } = await entryStatesRepository(strapi.db.connection, dialect()).fingerprints(await source(uid));
        if (site.rows !== copy.rows || site.ms !== copy.ms) out.push(uid);
      }
      return out;
    },

    /** Rebuilds every trackable type whose copy differs from its table; returns the rebuilt types. */
    repair(): Promise<string[]> {
      repairing ??= (async () => {
        titleColumns.clear();
        const rebuilt: string[] = [];
        for (const uid of plugin().service('contentTypes').trackableUids() as string[]) {
          const { site, copy } = await entryStatesRepository(strapi.db.connection, dialect()).fingerprints(await source(uid));
          if (site.rows === copy.rows && site.ms === copy.ms) continue;
          await this.rebuild(uid);
          rebuilt.push(uid);
        }
        if (rebuilt.length) strapi.log.info(`[journey-map] entry states rebuilt for ${rebuilt.join(', ')}`);
        return rebuilt;
      })().finally(() => {
        repairing = null;
      });
      return repairing;
    },

    /**
     * Resolves once this process has checked the copy within the last hour (the report that finds it
     * older waits for the check, so sites without cron are covered too) and no repair runs.
     */
    async ready() {
      if (!checked || Date.now() - checkedAt > RECHECK_MS) {
        checkedAt = Date.now();
        checked = this.repair().catch((error: Error) => {
          checked = null;
          strapi.log.warn(`[journey-map] checking entry states failed: ${error.message}`);
        });
      }
      await checked;
      if (repairing) await repairing.catch(() => undefined);
    },
  };
};

export default entryStatesService;
