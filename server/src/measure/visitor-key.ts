import { createHmac } from 'crypto';
import type { Core } from '@strapi/strapi';

/** Environment variable holding the secret for visitor hashes; without it the site's APP_KEYS are used. */
export const HASH_KEY_ENV = 'JOURNEY_MAP_HASH_KEY';

/**
 * The secret behind every stored visitor hash (client addresses for rate limits, session ids for paths).
 * It never touches the database, so a dump alone cannot be searched for an address: the IPv4 space is
 * small enough to try every address against an unkeyed or salted hash whose salt sits next to it.
 */
export function visitorSecret(strapi: Core.Strapi): Buffer {
  const fromEnv = process.env[HASH_KEY_ENV];
  const appKeys = strapi.config.get('server.app.keys') as unknown;
  const keys = Array.isArray(appKeys) ? appKeys.filter((k) => typeof k === 'string' && k !== '') : [];
  const secret = fromEnv || (keys.length ? keys.join('\0') : '');
  if (!secret) throw new Error(`[journey-map] visitor hashes need a secret: set ${HASH_KEY_ENV} or the site's APP_KEYS`);
  // Derived rather than used as is: APP_KEYS also sign the site's cookies.
  return createHmac('sha256', secret).update('journey-map:visitor-hash').digest();
}

/** The key of one UTC day: yesterday's hashes cannot be linked to today's, even with the secret's key of today. */
export const dayKey = (secret: Buffer, day: string) => createHmac('sha256', secret).update(`journey-map:${day}`).digest();

/** A keyed hash of a visitor value (`client:<address>`, `session:<id>`) under one day's key. */
export const visitorHash = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('hex');
