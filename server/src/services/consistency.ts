import { getService } from '../utils/get-service';
import type { Core } from '@strapi/strapi';
import { tagsRepository } from '../repositories/tags';
import { entryStatesRepository } from '../repositories/entry-states';
import { tagIntegrityRepository } from '../repositories/tag-integrity';
import type { Dialect } from '../repositories/locks';

/** What a recount from scratch found different from the stored derived data (all zero: exact). */
export interface ConsistencyReport {
  exact: boolean;
  tags: number;
  /** tags whose first-in-phase flag differs from "smallest persona id of the entry's tags in the phase" */
  firstInPhaseWrong: number;
  /** entry states whose tagged / no-CTA-tagged / other-locale-tagged flags differ from the tags */
  stateFlagsWrong: number;
  /** tags whose entry dates differ from their entry's state */
  tagDatesWrong: number;
  /** tags pointing at a journey, phase, persona or CTA that does not exist */
  orphanTags: number;
  /** tracked types whose states differ from the site's table (row count or update times) */
  typesDrifted: string[];
  /** rows of the maintained coverage counts that differ from a recount of the tags and entry states */
  countsWrong: number;
}

/**
 * Recounts the data that coverage and the audit read — first-in-phase flags, entry-state flags, the
 * entry dates copied onto tags — from the tags and the site's tables, and compares. Every number is one
 * set-based query, so the check costs a few scans whatever the site's size. Used by the tests after
 * concurrent writes and by the hourly repair job, which rebuilds what it finds wrong.
 */
const consistencyService = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db;
  const dialect = () => strapi.db.dialect.client as Dialect;

  return {
    async check(): Promise<ConsistencyReport> {
      const entryStates = getService(strapi, 'entryStates');
      await entryStates.settled();
      const noCta = await entryStates.noCtaPhases();
      const tags = tagsRepository(db());
      const states = entryStatesRepository(db(), dialect());
      const report = {
        tags: await tags.count(),
        firstInPhaseWrong: await tags.countWrongFirstInPhase(),
        stateFlagsWrong: await states.countWrongFlags(noCta),
        tagDatesWrong: await states.countWrongTagDates(),
        orphanTags: await tagIntegrityRepository(db()).countOrphans(),
        typesDrifted: await entryStates.drifted(),
        countsWrong: await getService(strapi, 'cellCounts').countWrong(),
      };
      const exact =
        !report.firstInPhaseWrong && !report.stateFlagsWrong && !report.tagDatesWrong && !report.orphanTags && !report.typesDrifted.length && !report.countsWrong;
      return { exact, ...report };
    },

    /**
     * The repair job: rebuilds the entry states of drifted types (entryStates.repair), then sets again the
     * first-in-phase flags and state flags if the recount disagrees, then recounts the coverage counts if
     * they still differ (the fixes above go through the triggers, so they keep counts that were right),
     * and logs what it fixed. Orphan tags are reported, not deleted here (their removal belongs to the boot
     * repair of the journey model). The count triggers are created again first if someone dropped them.
     */
    async repair(): Promise<ConsistencyReport> {
      const entryStates = getService(strapi, 'entryStates');
      const cellCounts = getService(strapi, 'cellCounts');
      await cellCounts.ensure();
      await entryStates.repair();
      const before = await this.check();
      if (before.firstInPhaseWrong) {
        const phases = await tagsRepository(db()).phasesWithWrongFirstInPhase();
        await strapi.db.transaction(({ trx }) => tagsRepository(trx).recomputeFirstInPhase(phases));
      }
      if (before.stateFlagsWrong || before.tagDatesWrong) {
        for (const uid of getService(strapi, 'contentTypes').trackableUids()) await entryStates.rebuild(uid);
      }
      if (before.countsWrong && (await cellCounts.countWrong())) await cellCounts.rebuild();
      const after = before.exact ? before : await this.check();
      if (!before.exact) strapi.log.warn(`[journey-map] derived data recounted: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      return after;
    },
  };
};

export default consistencyService;
