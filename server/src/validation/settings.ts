import { z } from 'zod';
import { boundedInt, storable } from './common';

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
};

export const settingsSchema = z
  .object(settingsFields)
  .strict()
  .refine((s) => s.maxPerCell === null || s.maxPerCell >= s.minPerCell, {
    message: 'maxPerCell must be greater than or equal to minPerCell',
    path: ['maxPerCell'],
  });

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
};

/** What GET /settings returns: the ingestion key replaced by whether one is set. */
export type PublicSettings = Omit<Settings, 'ingestionKey'> & { ingestionKeySet: boolean };
export const publicSettings = ({ ingestionKey, ...rest }: Settings): PublicSettings => ({ ...rest, ingestionKeySet: Boolean(ingestionKey) });

/** PUT body: any subset of the settings; missing keys keep their current value. */
export const settingsUpdateSchema = z.object(settingsFields).strict().partial();
