import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { getService } from '../utils/get-service';
import { PayloadTooLargeError } from '../utils/errors';
import { invalid } from '../validation/parse';
import { INGESTION_KEY_HEADER } from '../services/ingest';
import type { ContentApiAuth } from '../services/delivery';
import { deliveryContentQuery, deliveryJourneyParams } from '../../../shared/contracts/delivery';
import { MAX_BODY_BYTES, eventsBody, type CheckedEvent } from '../../../shared/contracts/measure';
import { SITE_ENTRY_UNION } from './schema';

/** What the GraphQL plugin gives every resolver: the request's Koa state (auth) and context. */
interface GraphqlContext {
  state: { auth?: ContentApiAuth };
  koaContext: { request: { ip?: string; get(name: string): string | undefined } };
}

/** The Users & Permissions / API token actions of the REST content API, required of the same operations. */
export const ACTIONS = {
  journey: 'plugin::journey-map.journey.findOne',
  content: 'plugin::journey-map.content.find',
  ingest: 'plugin::journey-map.events.ingest',
} as const;

/** GraphQL's explicit nulls mean "not given" for an optional argument, as an absent query parameter does. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/**
 * Parses the arguments with the REST contract; on failure a ValidationError (GraphQL code
 * BAD_USER_INPUT) whose message names the argument, e.g. `limit: Number must be less than or equal to 100`.
 */
function parseArgs<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((issue) => ({ path: issue.path.join('.') || 'args', message: issue.message })));
}

/** The events of the mutation, or the error refusing them as a whole (thrown once the request counted towards the rate limit). */
const eventsOf = (events: unknown): CheckedEvent[] | Error => {
  try {
    return parseArgs(eventsBody, { events }).events;
  } catch (error) {
    return error as Error;
  }
};

/**
 * The resolvers: each parses its arguments with the REST route's zod contract and calls the same service
 * as the REST controller, with the caller's authentication (the per-type `find` checks of the delivery
 * service) and, for events, the client's address and ingestion key header (rate limits, key check).
 */
export function resolvers(strapi: Core.Strapi, entryTypes: Map<string, string>) {
  const delivery = () => getService(strapi, 'delivery');
  return {
    Query: {
      journeyMapJourney: (_parent: unknown, args: unknown) => delivery().journey(parseArgs(deliveryJourneyParams, withoutNulls(args)).slug),

      journeyMapContent: async (_parent: unknown, args: Record<string, unknown>, context: GraphqlContext) => {
        const given = withoutNulls(args) as Record<string, unknown>;
        // The REST contract reads `limit` from a query string.
        const query = parseArgs(deliveryContentQuery, typeof given.limit === 'number' ? { ...given, limit: String(given.limit) } : given);
        const content = await delivery().content(query, context.state.auth);
        return {
          ...content,
          entries: content.entries.map((e) => ({
            ...e,
            title: e.title === null || e.title === undefined ? null : String(e.title),
            // The sanitized fields, as the site's own GraphQL type of the entry.
            entry: e.fields && entryTypes.has(e.contentType) ? { ...(e.fields as Record<string, unknown>), __journeyMapType: entryTypes.get(e.contentType) } : null,
          })),
        };
      },
    },

    Mutation: {
      journeyMapIngestEvents: async (_parent: unknown, args: { events?: unknown }, context: GraphqlContext) => {
        const events = withoutNulls(args.events ?? []);
        if (Buffer.byteLength(JSON.stringify(events)) > MAX_BODY_BYTES) throw new PayloadTooLargeError(`events too large: at most ${MAX_BODY_BYTES} bytes`);
        const request = context.koaContext.request;
        return getService(strapi, 'ingest').ingest({
          key: String(request.get(INGESTION_KEY_HEADER) ?? ''),
          clientAddress: String(request.ip ?? ''),
          events: eventsOf(events),
        });
      },
    },

    ...(entryTypes.size ? { [SITE_ENTRY_UNION]: { __resolveType: (entry: { __journeyMapType: string }) => entry.__journeyMapType } } : {}),
  };
}

/** The graphql plugin's `resolversConfig`: the REST actions, checked by its `auth.scope` before each resolver runs. */
export const resolversConfig = {
  'Query.journeyMapJourney': { auth: { scope: [ACTIONS.journey] } },
  'Query.journeyMapContent': { auth: { scope: [ACTIONS.content] } },
  'Mutation.journeyMapIngestEvents': { auth: { scope: [ACTIONS.ingest] } },
};
