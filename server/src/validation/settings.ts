import { z } from 'zod';

const settingsFields = {
  trackedContentTypes: z.array(z.string().min(1).max(191)).max(200),
  minPerCell: z.number().int().min(0).max(10000),
  maxPerCell: z.number().int().min(1).max(100000).nullable(),
  staleAfterDays: z.number().int().min(1).max(36500),
  includeDrafts: z.boolean(),
  // optional: settings written without it keep the default (off)
  dailySnapshot: z.boolean().optional(),
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
};

/** PUT body: any subset of the settings; missing keys keep their current value. */
export const settingsUpdateSchema = z.object(settingsFields).strict().partial();
