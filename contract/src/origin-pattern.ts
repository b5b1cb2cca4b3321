import { z } from 'zod/mini';

/**
 * What an `allowed_origins` entry is: an exact origin (`https://shop.example`), a wildcard for
 * a site's subdomains (`https://*.shop.example`), or one of the ways it can be wrong: not an
 * origin, a `*` meant as any site, a `*` anywhere but the first label of the host (or before an
 * IP address), or a wildcard over a whole top-level domain (`https://*.com`).
 */
export type OriginPatternKind = 'origin' | 'wildcard' | 'bad_origin' | 'any' | 'bad_wildcard' | 'too_wide';

/** A web origin as browsers send it in `Origin`: scheme, host and optional port, lower case, nothing else. */
function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === value;
  } catch {
    return false;
  }
}

const ipHost = (host: string) => host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);

/** Sorts an `allowed_origins` entry (see `OriginPatternKind`). */
export function originPatternKind(value: string): OriginPatternKind {
  if (!value.includes('*')) return isOrigin(value) ? 'origin' : 'bad_origin';
  // `*`, `https://*`, `*:8080`: any site, which an empty list already means.
  if (/^(https?:\/\/)?\*(:\d*)?\/?$/.test(value)) return 'any';
  const match = /^(https?:\/\/)\*\.([^*]+)$/.exec(value);
  if (!match) return 'bad_wildcard';
  const base = `${match[1]}${match[2]}`;
  if (!isOrigin(base)) return 'bad_origin';
  const host = new URL(base).hostname;
  if (ipHost(host)) return 'bad_wildcard';
  // One label (`*.com`, `*.example`) would take in every site under a top-level domain.
  if (!host.includes('.') && host !== 'localhost') return 'too_wide';
  return 'wildcard';
}

/** Why an entry is refused (the Settings page shows it with the entry's line), or null when it is fine. */
export const originPatternMessages: Record<Exclude<OriginPatternKind, 'origin' | 'wildcard'>, string> = {
  bad_origin:
    'Use an origin like https://shop.example (scheme and host, lower case, no path or trailing slash).',
  any: 'A lone * would allow every site: leave Allowed sites empty for that, or write https://*.shop.example for the subdomains of one site.',
  bad_wildcard:
    'A * can only stand for subdomains, as the first part of a domain name: https://*.shop.example.',
  too_wide: 'A * needs a site’s domain after it, like https://*.shop.example, not a whole top-level domain.',
};

/**
 * The domain a valid wildcard entry stands over (`shop.example` for `https://*.shop.example`),
 * or null for any other entry. The server refuses, and never widens, a wildcard whose domain is a
 * public suffix (`github.io`, `co.uk`: `@clara/channel-web`'s `wildcardOverPublicSuffix`).
 */
export function wildcardDomain(pattern: string): string | null {
  if (originPatternKind(pattern) !== 'wildcard') return null;
  return new URL(pattern.replace('*.', '')).hostname;
}

/**
 * Why a wildcard over a public suffix is refused (`domain` is the suffix, e.g. `github.io`): the
 * sites under it belong to unrelated owners, so the entry would let every one of them use the chat.
 */
export const publicSuffixWildcardMessage = (domain: string): string =>
  `${domain} is shared by many unrelated sites (a public suffix), so a * before it would let every one of them use this chat: list your site’s own host instead, like https://yourshop.${domain}.`;

/**
 * Whether a browser's `Origin` is allowed by one `allowed_origins` entry: the same origin, or,
 * for `scheme://*.domain[:port]`, any subdomain of the domain (one label or more, not the domain
 * itself) with the same scheme and port. An entry that is not a valid wildcard (an older value
 * saved before they were checked) matches only itself, so it never widens to other sites.
 */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (originPatternKind(pattern) !== 'wildcard' || !isOrigin(origin)) return false;
  const base = new URL(pattern.replace('*.', ''));
  const url = new URL(origin);
  if (url.protocol !== base.protocol || url.port !== base.port) return false;
  const suffix = `.${base.hostname}`;
  if (!url.hostname.endsWith(suffix)) return false;
  const sub = url.hostname.slice(0, -suffix.length);
  return sub.length > 0 && !sub.split('.').includes('');
}

/**
 * `allowed_origins` as read back from the database: any list of strings is kept as it is, never
 * reset to the default (an empty list, which allows every site) because one entry fails today's
 * stricter write rule; such an entry matches only itself (`originMatches`), so the workspace
 * stays locked to its sites.
 */
export const storedAllowedOriginsRule = z.array(z.string());
