/**
 * CTA target URLs. A browser follows `//host/…` and `/\host/…` to another site (it reads `\` as `/`, and
 * drops tabs and newlines anywhere in a URL), so a "site path" is accepted only when its first `/` is
 * followed by a path character (RFC 3986 pchar) or nothing, and no URL may hold whitespace, control
 * characters or backslashes.
 */
const PCHAR = "A-Za-z0-9\\-._~!$&'()*+,;=:@";
const SITE_PATH = new RegExp(`^/(?:(?:[${PCHAR}]|%[0-9A-Fa-f]{2})(?:[${PCHAR}/?#[\\]]|%[0-9A-Fa-f]{2})*)?$`);
const ABSOLUTE = /^https?:\/\/[^/?#]/i;
const hasUnsafeCharacter = (value: string) =>
  /[\s\\]/.test(value) || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

export const TARGET_URL_MESSAGE = 'must be an http(s) URL or a site path starting with a single / and a path character';

export function isTargetUrl(value: string): boolean {
  if (hasUnsafeCharacter(value)) return false;
  if (value.startsWith('/')) return SITE_PATH.test(value);
  if (!ABSOLUTE.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
