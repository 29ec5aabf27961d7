import { z } from 'zod';
import { documentId, queryInt, shortText } from './common';
import { journeyRef } from './reports';

export const snapshotCreate = z
  .object({
    journey: journeyRef,
    note: shortText(500).optional(),
  })
  .strict();

export const snapshotListQuery = z
  .object({
    journey: journeyRef.optional(),
    page: queryInt(1, 100000).optional(),
    pageSize: queryInt(1, 100).optional(),
  })
  .strict();

// Path params come from the router (which may add its own keys), so unknown keys are dropped.
export const snapshotParams = z.object({ id: documentId });

export const snapshotCompareQuery = z
  .object({
    from: documentId,
    to: documentId,
  })
  .strict();
