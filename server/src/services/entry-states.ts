import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import type { Transaction } from '../db/queryable';
import { inTransaction } from '../db/transaction';
import { PLUGIN_ID } from '../pluginId';
import { entryStatesRepository, type EntryStateRow, type SourceType } from '../repositories/entry-states';
import type { Dialect } from '../repositories/locks';

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
  const dialect = () => strapi.db.dialect.client as Dialect;
  const titleColumns = new Map<string, string>();
  let repairing: Promise<string[]> | null = null;
  /** Copies started after a writer committed (MySQL/MariaDB, see afterSiteWrite), until they end. */
  const pending = new Set<Promise<void>>();
  const settled = async () => {
    while (pending.size) await Promise.all([...pending]);
  };
  let checked: Promise<unknown> | null = null;
  let checkedAt = 0;

  async function source(uid: string): Promise<SourceType> {
    const entries = getService(strapi, 'entries');
    // Keyed by the Settings choice too, so a choice saved on another instance is followed at once.
    const titleFields = (await getService(strapi, 'settings').get()).titleFields ?? {};
    const key = `${uid}\0${titleFields[uid] ?? ''}`;
    if (!titleColumns.has(key)) {
      // The same read decides the key and the field: a second read could see another save and cache
      // one choice's column under the other's key for the life of the process.
      const field = await getService(strapi, 'contentTypes').mainField(uid, titleFields);
      const attribute = strapi.db.metadata.get(uid).attributes[field];
      const column = attribute && 'columnName' in attribute ? attribute.columnName : undefined;
      titleColumns.set(key, column ?? 'document_id');
    }
    return {
      uid,
      table: entries.table(uid),
      titleColumn: titleColumns.get(key)!,
      localized: entries.isLocalized(uid),
      draftAndPublish: entries.hasDraftAndPublish(uid),
    };
  }

  const kept = (uid: string) => getService(strapi, 'contentTypes').isTrackable(uid);

  /**
   * The post-commit copies of one type (MySQL/MariaDB), one at a time per process: the documents written
   * while a copy runs are copied together by the next one. Copies of one process never contend with each
   * other then; against other instances' copies, a deadlock victim runs again.
   */
  const queues = new Map<string, { ids: Set<string>; run: Promise<void> | null }>();
  function queueCopy(uid: string, documentIds: string[]): Promise<void> {
    const queue = queues.get(uid) ?? { ids: new Set<string>(), run: null };
    queues.set(uid, queue);
    documentIds.forEach((id) => queue.ids.add(id));
    if (queue.run) return queue.run;
    const run: Promise<void> = (async () => {
      while (queue.ids.size) {
        const batch = [...queue.ids];
        queue.ids.clear();
        await inTransaction(strapi, (trx) => service.refresh(uid, batch, trx), 10).catch((error: Error) => {
          strapi.log.warn(`[journey-map] copying the state of ${uid} ${batch.slice(0, 5).join(', ')} failed (the hourly repair will): ${error.message}`);
        });
      }
    })().finally(() => {
      queue.run = null;
      pending.delete(run);
    });
    queue.run = run;
    pending.add(run);
    return run;
  }

  /**
   * The phases without a CTA that the states' `no_cta_tagged` flags were computed with. Stored with the
   * states (not in memory) so that every Strapi instance sharing the database agrees on it.
   */
  const noCtaStore = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'entry-states-no-cta-phases' });
  const storedNoCtaPhases = async (): Promise<string[]> => ((await noCtaStore().get({})) as string[] | null) ?? [];

  const service = {
    /** The phases without a CTA that the states' flags were computed with (the consistency check's too). */
    noCtaPhases: storedNoCtaPhases,

    /** Resolves when the copies this process started after writers committed have ended (MySQL/MariaDB). */
    settled,

    /** The copied state of one document, every locale (what the panel says about the entry). */
    async statesOf(uid: string, documentId: string): Promise<EntryStateRow[]> {
      await settled();
      return entryStatesRepository(strapi.db, dialect()).statesOf(uid, documentId);
    },

    /**
     * After a lifecycle of the site's entries. PostgreSQL and SQLite: in the writer's transaction.
     * MySQL/MariaDB: right after the writer commits, in a transaction of its own that runs again when
     * chosen as a deadlock victim. InnoDB's next-key locks made the copy's statements inside concurrent
     * writers' transactions deadlock them: concurrent creates of one type failed, and a writer's
     * transaction (Strapi's) cannot be run again by the plugin. Reports wait for this process's pending
     * copies (ready, statesOf); what another instance copies lands a moment after its writer commits, and
     * a copy lost to a crash is found by the hourly repair (its fingerprints differ).
     */
    async afterSiteWrite(uid: string, documentIds: string[]): Promise<void> {
      if (dialect() !== 'mysql') return this.refresh(uid, documentIds);
      if (!strapi.db.inTransaction()) return queueCopy(uid, documentIds);
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => void queueCopy(uid, documentIds));
      });
    },

    /** Re-reads documents of a site type, in the caller's transaction when there is one. */
    async refresh(uid: string, documentIds: string[], trx?: Transaction) {
      if (!kept(uid) || !documentIds.length) return;
      const src = await source(uid);
      // strapi.db.transaction joins a transaction the lifecycle runs in (SQLite has one connection).
      return strapi.db.transaction(async ({ trx: t }) =>
        entryStatesRepository(trx ?? t, dialect()).refresh(src, documentIds, await storedNoCtaPhases())
      );
    },

    async rebuild(uid: string) {
      const src = await source(uid);
      // Two rebuilds of one type (title choices saved at once) can deadlock on MySQL: run again then.
      await inTransaction(strapi, async (trx) => entryStatesRepository(trx, dialect()).rebuild(src, await storedNoCtaPhases()));
      return src.titleColumn;
    },

    /**
     * Copies a type's titles again after its title field changed in Settings. Two saves racing (on one
     * instance or several) could commit their copies in the other order than their saves; so after
     * copying, the stored choice is read again and the copy repeated until it was made with it.
     */
    async retitle(uid: string) {
      const settings = getService(strapi, 'settings');
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
      const uids = getService(strapi, 'contentTypes').trackableUids();
      titleColumns.clear();
      await strapi.db.transaction(async ({ trx }) => {
        const repository = entryStatesRepository(trx, dialect());
        await repository.clear();
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
      await settled();
      const out: string[] = [];
      for (const uid of getService(strapi, 'contentTypes').trackableUids()) {
        const { site, copy } = await entryStatesRepository(strapi.db, dialect()).fingerprints(await source(uid));
        if (site.rows !== copy.rows || site.ms !== copy.ms) out.push(uid);
      }
      return out;
    },

    /** Rebuilds every trackable type whose copy differs from its table; returns the rebuilt types. */
    repair(): Promise<string[]> {
      repairing ??= (async () => {
        await settled();
        titleColumns.clear();
        const rebuilt: string[] = [];
        for (const uid of getService(strapi, 'contentTypes').trackableUids()) {
          const { site, copy } = await entryStatesRepository(strapi.db, dialect()).fingerprints(await source(uid));
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
      await settled();
    },
  };
  return service;
};

export default entryStatesService;
