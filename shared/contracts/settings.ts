import { z } from 'zod';
import { boundedInt, storable } from './common';
import { PUBLISH_CHECKS } from '../constants';

const settingsFields = {
  trackedContentTypes: z.array(storable(z.string().min(1).max(191))).max(200),
  minPerCell: boundedInt(0, 10000),
  maxPerCell: boundedInt(1, 100000).nullable(),
  staleAfterDays: boundedInt(1, 36500),
  includeDrafts: z.boolean(),
  // optional: settings written without it keep the default (off)
  dailySnapshot: z.boolean().optional(),
  // Measure (events, paths). The ingestion key is write-only: GET /settings says whether one is set.
  ingestionKey: z.string().min(16, 'must be at least 16 characters').max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').nullable(),
  rateLimitPerMinute: boundedInt(1, 100000),
  sessionTtlMinutes: boundedInt(1, 1440),
  pathConversionThreshold: boundedInt(0, 100),
  // Per tracked type, the field that titles its entries (null: the automatic choice). Optional: settings
  // saved before it existed keep the automatic choice. Whether the field fits its type is checked against
  // the schema by the content-types service.
  titleFields: z
    .record(storable(z.string().min(1).max(191)), storable(z.string().min(1).max(191)).nullable())
    .refine((fields) => Object.keys(fields).length <= 200, { message: 'at most 200 content types' })
    .optional(),
  // Per type with draft & publish: publishing an entry with no phase tag in the published locale is let
  // through (off, the default), warned about in the Journey panel (warn) or refused (require). Which
  // types may have one is checked against the schema by the content-types service.
  publishChecks: z
    .record(storable(z.string().min(1).max(191)), z.enum(PUBLISH_CHECKS))
    .refine((checks) => Object.keys(checks).length <= 200, { message: 'at most 200 content types' })
    .optional(),
  // Tag suggestions: given only from this many tagged entries of a journey, and at this self-measured
  // hit rate (percent) or better.
  suggestionMinTagged: boundedInt(1, 100000),
  suggestionMinHitRate: boundedInt(0, 100),
  // "What to write next": how much each reason weighs in a cell's score (0 leaves it out). Optional:
  // settings saved before it existed keep the defaults.
  nextContentWeights: z
    .object({
      persona: boundedInt(0, 10),
      cta: boundedInt(0, 10),
      emotion: boundedInt(0, 10),
      dropOff: boundedInt(0, 10),
      gapAge: boundedInt(0, 10),
    })
    .strict()
    .optional(),
  // Per tracked type, the text field a draft created with a brief receives the brief in (Markdown).
  // Whether the field fits its type is checked against the schema by the content-types service.
  briefFields: z
    .record(storable(z.string().min(1).max(191)), storable(z.string().min(1).max(191)).nullable())
    .refine((fields) => Object.keys(fields).length <= 200, { message: 'at most 200 content types' })
    .optional(),
  // Per tracked type, the URL patterns its entries are published at, to match imported analytics pages
  // to entries: `/blog/{slug}`, `/{locale}/products/{slug}`, `{fullPath:path}` (a field holding the whole
  // path). `locale`: the entries' locale the pattern is for (null: every locale, or a type without i18n).
  // Whether the placeholders name fields of the type is checked by the content-types service.
  urlPatterns: z
    .record(
      storable(z.string().min(1).max(191)),
      z
        .array(
          z
            .object({
              locale: z.string().max(32).regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a locale code like en or ja').nullable(),
              pattern: storable(z.string().trim().min(1).max(300)),
            })
            .strict()
        )
        .max(20)
    )
    .refine((patterns) => Object.keys(patterns).length <= 200, { message: 'at most 200 content types' })
    .optional(),
};

/** The one rule between two settings: a cell's maximum (when set) is not below its minimum. */
export const CELL_BOUNDS_MESSAGE = 'maxPerCell must be greater than or equal to minPerCell';
export const cellBoundsHold = (s: { minPerCell: number; maxPerCell: number | null }) => s.maxPerCell === null || s.maxPerCell >= s.minPerCell;

export const settingsSchema = z
  .object(settingsFields)
  .strict()
  .refine(cellBoundsHold, { message: CELL_BOUNDS_MESSAGE, path: ['maxPerCell'] });

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  trackedContentTypes: [],
  minPerCell: 1,
  maxPerCell: null,
  staleAfterDays: 365,
  includeDrafts: false,
  dailySnapshot: false,
  ingestionKey: null,
  rateLimitPerMinute: 120,
  sessionTtlMinutes: 30,
  pathConversionThreshold: 25,
  titleFields: {},
  publishChecks: {},
  suggestionMinTagged: 20,
  suggestionMinHitRate: 50,
  nextContentWeights: { persona: 3, cta: 3, emotion: 2, dropOff: 3, gapAge: 1 },
  briefFields: {},
  urlPatterns: {},
};

/** What GET /settings returns: the ingestion key replaced by whether one is set. */
export type PublicSettings = Omit<Settings, 'ingestionKey'> & { ingestionKeySet: boolean };
/** `GET /settings` and `PUT /settings` answer this: the public settings and their version (sent back on save). */
export type VersionedSettings = PublicSettings & { version: number };
export const publicSettings = ({ ingestionKey, ...rest }: Settings): PublicSettings => ({ ...rest, ingestionKeySet: Boolean(ingestionKey) });

/** PUT body: any subset of the settings; missing keys keep their current value. */
export const settingsUpdateSchema = z.object(settingsFields).strict().partial();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/**
 * PUT body's optional `version`: the one its GET answered. A save that sends it is refused with a 409 when
 * the settings changed since (optimistic concurrency); `ingestionKeySet`, read-only, may come back too.
 */
export const settingsVersion = z.number().int().min(0).max(2_147_483_647);
