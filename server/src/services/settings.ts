import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { fromJson } from '../utils/json';
import { invalid } from '../validation/parse';
import { settingsStore } from '../repositories/settings-store';
import {
  CELL_BOUNDS_MESSAGE,
  cellBoundsHold,
  defaultSettings,
  publicSettings,
  settingsSchema,
  type Settings,
  type SettingsUpdate,
  type VersionedSettings,
} from '../../../shared/contracts/settings';
import { ConflictError, ValidationError } from '../utils/errors';

/** How long a read of the settings is reused (event ingestion reads them on every request). */
export const SETTINGS_CACHE_MS = 5_000;

/** Compare-and-swap tries before giving up (each failure means another write landed in between). */
const CAS_ATTEMPTS = 20;

interface Versioned {
  settings: Settings;
  /** Incremented by every write; GET returns it and a PUT may send it back (optimistic concurrency). */
  version: number;
}

/** The stored settings over the defaults; a row that cannot be read as settings counts as the defaults. */
const decode = (value: string | null | undefined): Versioned => {
  let stored: Record<string, unknown> = {};
  try {
    stored = value ? (fromJson<Record<string, unknown> | null>(value) ?? {}) : {};
  } catch {
    stored = {};
  }
  const { version, ...fields } = stored;
  const result = settingsSchema.safeParse({ ...defaultSettings, ...fields });
  return { settings: result.success ? result.data : defaultSettings, version: typeof version === 'number' ? version : 0 };
};

/** Title fields whose value differs between two settings (the entry states copy each entry's title). */
const retitled = (before: Settings, after: Settings): string[] => {
  const [was, is] = [before.titleFields ?? {}, after.titleFields ?? {}];
  return [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((uid) => (was[uid] ?? null) !== (is[uid] ?? null));
};

/**
 * Settings live in the plugin store (a row of the core store table). A read is reused for at most
 * SETTINGS_CACHE_MS and dropped at once when this instance saves, so a change made on one Strapi
 * instance is seen by every instance sharing the database within a few seconds, with no restart.
 *
 * A write never starts from the cache: it reads the row, applies only the fields the request sends and
 * stores the result with `UPDATE … WHERE value = <what it read>` (compare-and-swap). When another
 * instance or request wrote in between, nothing is updated and the write starts again from a fresh
 * read, so two requests changing different fields both land, whatever the database's isolation level.
 * Two writes of the same field: the later one wins, unless it sent the `version` it read, in which case
 * it gets a 409 once anything changed since (the Settings page sends it; see docs/reliability.md).
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let cache: { at: number; value: Promise<Versioned> } | null = null;

  // Through strapi.db.transaction, which joins the transaction the caller may be in (a migration, a
  // lifecycle): SQLite has one connection, and a read on another would wait for it forever.
  const read = async (): Promise<Versioned> => decode((await strapi.db.transaction(({ trx }) => settingsStore(trx).row()))?.value);

  const cached = (): Promise<Versioned> => {
    const now = Date.now();
    if (!cache || now - cache.at > SETTINGS_CACHE_MS) {
      const entry = { at: now, value: read() };
      cache = entry;
      entry.value.catch(() => {
        if (cache === entry) cache = null;
      });
    }
    return cache.value;
  };

  /** The checks that need the site's schema (a 400 naming the field, as the request's own checks do). */
  const assertFitsSite = (patch: SettingsUpdate) => {
    const types = getService(strapi, 'contentTypes');
    types.assertTitleFields(patch.titleFields);
    types.assertPublishChecks(patch.publishChecks);
    types.assertBriefFields(patch.briefFields);
    getService(strapi, 'imports').assertUrlPatterns(patch.urlPatterns);
    if (patch.trackedContentTypes) {
      const trackable = new Set(types.trackableUids());
      patch.trackedContentTypes.forEach((uid, i) => {
        if (!trackable.has(uid)) throw new ValidationError(`body.trackedContentTypes.${i}: "${uid}" is not a trackable content type`);
      });
    }
  };

  return {
    /** The settings, read from the store at most every SETTINGS_CACHE_MS (a copy: callers may change it). */
    async get(): Promise<Settings> {
      const { settings } = await cached();
      return { ...settings, trackedContentTypes: [...settings.trackedContentTypes] };
    },

    /** Forgets the cached read (after a save, or when a test changes the store behind the service's back). */
    clearCache() {
      cache = null;
    },

    /** The settings as the admin API shows them (never the ingestion key itself), with their version. */
    async getPublic(): Promise<VersionedSettings> {
      const { settings, version } = await cached();
      return { ...publicSettings(settings), version };
    },

    /**
     * PUT: changes exactly the fields of `patch` (checked together with the stored others). With
     * `expectedVersion`, refuses with a 409 when the settings changed since that version was read. The
     * entry states of the types whose title field changed take their titles again.
     */
    async update(patch: SettingsUpdate, expectedVersion?: number): Promise<Settings> {
      assertFitsSite(patch);
      const changes: SettingsUpdate = patch.trackedContentTypes ? { ...patch, trackedContentTypes: [...new Set(patch.trackedContentTypes)].sort() } : patch;
      let saved: { before: Settings; after: Settings } | null = null;
      try {
        for (let attempt = 1; attempt <= CAS_ATTEMPTS && !saved; attempt += 1) {
          const store = settingsStore(strapi.db);
          const row = await store.row();
          const current = decode(row?.value);
          if (expectedVersion !== undefined && expectedVersion !== current.version) {
            throw new ConflictError('someone changed these settings since you opened them; reload to see their changes', { version: current.version });
          }
          const next: Settings = { ...current.settings, ...changes };
          if (!cellBoundsHold(next)) throw invalid([{ path: 'body.maxPerCell', message: CELL_BOUNDS_MESSAGE }]);
          if (await store.swap(row, JSON.stringify({ ...next, version: current.version + 1 }))) saved = { before: current.settings, after: next };
        }
      } finally {
        cache = null;
      }
      if (!saved) throw new ConflictError('the settings are being changed by many requests at once; try again');
      const types = getService(strapi, 'contentTypes');
      for (const uid of retitled(saved.before, saved.after)) {
        if (types.isTrackable(uid)) await getService(strapi, 'entryStates').retitle(uid);
      }
      return saved.after;
    },

    /** Tracked types that still exist (a type deleted from the site is ignored, its tags kept). */
    async trackedUids(): Promise<string[]> {
      const { trackedContentTypes } = await this.get();
      return trackedContentTypes.filter((uid) => Boolean(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]));
    },
  };
};

export default settingsService;
