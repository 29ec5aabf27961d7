import { getService } from '../utils/get-service';
import type { Core, UID } from '@strapi/strapi';
import type { EntryRef, EntryScope } from '../permissions/entries';
import { suggestionsRepository, type SiteTextRow } from '../repositories/suggestions';
import { SYSTEM_FIELDS } from './title-field';
import { buildModel, MAX_REASONS, type SuggestionModel, type TaggedDoc, type Vote } from './suggestion-model';
import type { EntrySuggestions, SuggestedTag, SuggestionQuality } from '../../../shared/contracts/suggestions';
import type { Settings } from '../../../shared/contracts/settings';

/** At most this many tagged entries (entry × locale) of a journey are indexed: the first in key order. */
export const MAX_INDEXED_ENTRIES = 20_000;
/** At most this many characters of an entry's text (its title and other short text fields) are read. */
export const MAX_TEXT_CHARS = 2_000;
/** Tag writes are gathered for this long before the models are built again. */
const DEBOUNCE_MS = Number(process.env.JOURNEY_MAP_SUGGESTIONS_DEBOUNCE_MS ?? 2_000);
/** The first build after boot waits this long, so that it never slows the boot. */
const AFTER_BOOT_MS = Number(process.env.JOURNEY_MAP_SUGGESTIONS_AFTER_BOOT_MS ?? 5_000);

const TEXT_TYPES = new Set(['string', 'text']);

interface Built {
  model: SuggestionModel;
  builtAt: Date;
}

interface AttributeMeta {
  type: string;
  private?: boolean;
  columnName?: string;
}

const entryKey = (uid: string, documentId: string, locale: string) => `${uid}|${documentId}|${locale}`;
const splitKey = (key: string): EntryRef => {
  const [contentType, documentId, locale] = key.split('|');
  return { contentType, documentId, locale };
};

/**
 * Tag suggestions. Each Strapi instance keeps one model per journey in memory (services/suggestion-model),
 * built off the request path from the database alone, so that instances sharing a database build the same
 * models: lazily in the background after boot and on first use, again a moment after tag writes (debounced,
 * so a bulk import builds once), and every hour by the cron (which also picks up other instances' writes).
 * A request never builds: before the first build it answers `status: 'building'`.
 */
const suggestionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = new Map<string, Built>();
  const building = new Map<string, Promise<void>>();
  /** journeys whose tags changed while they were being built: built again right after */
  const again = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  /** the builds started by tag writes, and how to say they are done */
  let pending: Promise<void> = Promise.resolve();
  let release: (() => void) | null = null;
  let stopped = false;

  const repo = () => suggestionsRepository(strapi.db);

  /** A type's short text columns (string and text, not private, not system), title first. */
  function textColumns(uid: string, titleField: string | null): string[] {
    const meta = strapi.db.metadata.get(uid as UID.ContentType) as unknown as { attributes: Record<string, AttributeMeta> };
    const names = Object.entries(meta.attributes)
      .filter(([name, a]) => TEXT_TYPES.has(a.type) && !SYSTEM_FIELDS.has(name) && !a.private)
      .map(([name]) => name)
      .sort((a, b) => Number(b === titleField) - Number(a === titleField));
    return names.map((name) => meta.attributes[name].columnName ?? name);
  }

  /** One text per entry key of `uid` (the newest row of each document and locale), truncated. */
  async function textsOf(uid: string, documentIds: string[], locale?: string): Promise<Map<string, string>> {
    const entries = getService(strapi, 'entries');
    const localized = entries.isLocalized(uid);
    const titleField = await getService(strapi, 'contentTypes').mainField(uid);
    const columns = textColumns(uid, titleField);
    const texts = new Map<string, string>();
    if (columns.length === 0) return texts;
    const rows: SiteTextRow[] = await repo().texts(entries.table(uid), columns, documentIds, localized, locale);
    for (const row of rows) {
      const key = entryKey(uid, row.document_id, localized ? String(row.locale ?? '') : '');
      if (texts.has(key)) continue;
      const text = columns
        .map((c) => row[c])
        .filter((v) => v !== null && v !== undefined && v !== '')
        .join(' \n ')
        .slice(0, MAX_TEXT_CHARS);
      texts.set(key, text);
    }
    return texts;
  }

  /** Builds the journey's model from the database (the tags, titles and texts of its tagged entries). */
  async function build(journeyId: string) {
    const types = await getService(strapi, 'settings').trackedUids();
    const rows = await repo().taggedEntries(journeyId, types, MAX_INDEXED_ENTRIES);
    const docs = new Map<string, TaggedDoc>();
    for (const row of rows) {
      const locale = row.entry_locale ?? '';
      const key = entryKey(row.content_type, row.entry_document_id, locale);
      const doc = docs.get(key) ?? { key, title: row.title ?? '', text: '', locale, phases: [], personas: [] };
      if (!doc.phases.includes(row.phase_id)) doc.phases.push(row.phase_id);
      if (row.persona_id && !doc.personas.includes(row.persona_id)) doc.personas.push(row.persona_id);
      docs.set(key, doc);
    }
    const byType = new Map<string, string[]>();
    for (const key of docs.keys()) {
      const { contentType, documentId } = splitKey(key);
      byType.set(contentType, [...(byType.get(contentType) ?? []), documentId]);
    }
    for (const [uid, ids] of byType) {
      const texts = await textsOf(uid, ids);
      for (const [key, text] of texts) {
        const doc = docs.get(key);
        if (doc) doc.text = text;
      }
    }
    models.set(journeyId, { model: await buildModel([...docs.values()]), builtAt: getService(strapi, 'clock').now() });
  }

  /** Builds in the background (one build per journey at a time; a write during a build builds again). */
  function startBuild(journeyId: string): Promise<void> {
    const running = building.get(journeyId);
    if (running) {
      again.add(journeyId);
      return running;
    }
    const run = (async () => {
      try {
        do {
          again.delete(journeyId);
          if (stopped) return;
          await build(journeyId);
        } while (again.has(journeyId));
      } catch (error) {
        if (!stopped) strapi.log.warn(`[journey-map] suggestions for journey ${journeyId} could not be built: ${(error as Error).message}`);
      } finally {
        building.delete(journeyId);
      }
    })();
    building.set(journeyId, run);
    return run;
  }

  async function allJourneyIds(): Promise<string[]> {
    return (await getService(strapi, 'journeys').listJourneys()).map((j) => j.documentId);
  }

  function qualityOf(journeyId: string, settings: Settings): SuggestionQuality {
    const built = models.get(journeyId);
    const minTagged = settings.suggestionMinTagged;
    const minHitRate = settings.suggestionMinHitRate;
    if (!built) {
      return { status: 'building', journey: journeyId, tagged: 0, measured: 0, hits: 0, hitRate: 0, perTen: 0, refusal: null, minTagged, minHitRate, builtAt: null };
    }
    const { tagged, measured, hits } = built.model.quality;
    const hitRate = measured > 0 ? hits / measured : 0;
    const refusal = tagged < minTagged ? 'too-few-tagged' : hitRate * 100 < minHitRate ? 'low-hit-rate' : null;
    return {
      status: 'ready',
      journey: journeyId,
      tagged,
      measured,
      hits,
      hitRate,
      perTen: Math.round(hitRate * 10),
      refusal,
      minTagged,
      minHitRate,
      builtAt: built.builtAt.toISOString(),
    };
  }

  return {
    /** After boot: builds every journey's model in the background, once the site is up. */
    buildAfterBoot() {
      const t = setTimeout(() => void this.rebuildAll().catch(() => undefined), AFTER_BOOT_MS);
      t.unref();
    },

    /** Builds every journey's model again, one after another (the hourly cron). */
    async rebuildAll() {
      for (const id of await allJourneyIds()) await startBuild(id);
      // journeys deleted since: their models go
      const ids = new Set(await allJourneyIds());
      for (const id of models.keys()) if (!ids.has(id)) models.delete(id);
    },

    /** Builds one journey's model now (waits for it): for tests and the bench. */
    async rebuild(journeyRef: string) {
      const journey = await getService(strapi, 'journeys').getJourney(journeyRef);
      if (building.has(journey.documentId)) await building.get(journey.documentId);
      await startBuild(journey.documentId);
    },

    /** Tags were written: the models built so far are built again shortly (once for many writes). */
    tagsChanged() {
      if (stopped || models.size + building.size === 0) return;
      if (timer) clearTimeout(timer);
      if (!release) pending = new Promise<void>((resolve) => (release = resolve));
      timer = setTimeout(() => {
        timer = null;
        const done = release;
        release = null;
        void Promise.all([...new Set([...models.keys(), ...building.keys()])].map(startBuild)).then(() => done?.());
      }, DEBOUNCE_MS);
      timer.unref();
    },

    /** Resolves once the builds that tag writes started so far are done (for tests and the bench). */
    settled(): Promise<void> {
      return pending;
    },

    /** Stops building (Strapi is shutting down). */
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      release?.();
    },

    async quality(journeyRef: string): Promise<SuggestionQuality> {
      const journey = await getService(strapi, 'journeys').getJourney(journeyRef);
      if (!models.has(journey.documentId)) void startBuild(journey.documentId);
      return qualityOf(journey.documentId, await getService(strapi, 'settings').get());
    },

    /**
     * Suggestions for one entry: the phases and personas its most similar tagged entries carry, each with
     * the similar entries the caller may read (`scope`) as its reasons. The entry's own tags are left out.
     */
    async forEntry(journeyRef: string, uid: string, documentId: string, locale: string | undefined, scope: EntryScope): Promise<EntrySuggestions> {
      const entries = getService(strapi, 'entries');
      await entries.assertTracked(uid, 'query.contentType');
      const tagLocale = await entries.tagLocale(uid, locale);
      const journey = await getService(strapi, 'journeys').getJourney(journeyRef);
      const settings = await getService(strapi, 'settings').get();
      if (!models.has(journey.documentId)) void startBuild(journey.documentId);
      const quality = qualityOf(journey.documentId, settings);
      const answer: EntrySuggestions = { contentType: uid, documentId, locale: tagLocale || null, quality, phases: [], personas: [] };
      const built = models.get(journey.documentId);
      if (!built || quality.refusal) return answer;

      const key = entryKey(uid, documentId, tagLocale);
      const texts = await textsOf(uid, [documentId], tagLocale || undefined);
      const title = (await repo().title(uid, documentId, tagLocale)) ?? '';
      const text = texts.get(key);
      if (text === undefined && !title) return answer;
      const result = built.model.suggest(`${text ?? title}`, tagLocale || 'en', key);

      const refs = [...new Set([...result.phases, ...result.personas].flatMap((v) => v.neighbours.map((n) => n.key)))].map(splitKey);
      const readable = new Set((await scope.keepReadable(refs)).map((r) => entryKey(r.contentType, r.documentId, r.locale)));
      const names = new Map<string, string>([...journey.phases.map((p) => [p.documentId, p.name] as const), ...journey.personas.map((p) => [p.documentId, p.name] as const)]);
      const toTag = (v: Vote): SuggestedTag | null => {
        const name = names.get(v.id);
        if (!name) return null;
        const reasons = v.neighbours
          .filter((n) => readable.has(n.key))
          .slice(0, MAX_REASONS)
          .map((n) => {
            const ref = splitKey(n.key);
            return { contentType: ref.contentType, documentId: ref.documentId, locale: ref.locale || null, title: built.model.docs.get(n.key)?.title || null };
          });
        return { documentId: v.id, name, share: Math.round(v.share * 1000) / 1000, reasons };
      };
      answer.phases = result.phases.map(toTag).filter((t): t is SuggestedTag => t !== null);
      answer.personas = result.personas.map(toTag).filter((t): t is SuggestedTag => t !== null);
      return answer;
    },
  };
};

export default suggestionsService;
