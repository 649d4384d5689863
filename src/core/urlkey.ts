// Comparison keys for links: two links that name the same story get the same key.

// A link the URL parser would give back as it is, apart from a fragment: lower-case http(s),
// a host of lower-case ASCII labels whose last one starts with a letter (so it is never read as
// an IPv4 address), no port or user, a path of characters no parser step changes, no query.
// `xn--` labels (checked by the parser), dot segments and `%2e` are left to the parser.
const PLAIN_LINK = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)(?:#.*)?$/s;
const LEFT_TO_PARSER = /xn--|\/\.|%2e/i;

/**
 * A key under which equivalent article URLs compare equal: scheme, a leading `www.`, the
 * fragment, tracking parameters (see isTrackingParameter), a scheme's default port and a trailing slash are ignored; host is
 * lower-cased; percent-escapes take one form; remaining query parameters are sorted by name. Null for
 * anything that is not http(s).
 */
export function urlKey(link: string | null | undefined): string | null {
  if (!link) return null;
  const plain = PLAIN_LINK.exec(link);
  if (plain === null || LEFT_TO_PARSER.test(link)) return parsedUrlKey(link);
  const host = plain[1]!;
  return (host.startsWith('www.') ? host.slice(4) : host) + withoutTrailingSlashes(samePercentEncoding(plain[2]!));
}

// Click identifiers that ad and mail platforms add to a link: they name a visit, never a page.
const CLICK_IDS = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid']);

/** True for a query parameter that tracks a visit rather than naming a page: `utm_*` and the common click identifiers (`fbclid`, `gclid`, …), any case. */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || CLICK_IDS.has(lower);
}

const PERCENT_ESCAPE = /%([0-9A-Fa-f]{2})/g;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/g;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * A path with its percent-escapes in one form (RFC 3986 6.2.2): upper-case hex digits,
 * unreserved characters (`%7E`, `%41`) written as themselves, a lone `%` as `%25`. `%2F` and
 * other reserved characters stay escaped, since decoding them would change the path.
 */
export function samePercentEncoding(path: string): string {
  if (!path.includes('%')) return path;
  // A `%` that starts no escape stands for itself: `%25`, as it would be sent.
  return path.replace(STRAY_PERCENT, '%25').replace(PERCENT_ESCAPE, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
}

// A loop, not /\/+$/: that regex is quadratic on a long run of slashes followed by anything else.
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === path.length ? path : path.slice(0, end);
}

/** urlKey worked out with the URL parser for every link (urlKey takes a shortcut for plain ones). */
export function parsedUrlKey(link: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(link.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  // The parser leaves out the scheme's own default port (80 for http, 443 for https) and keeps
  // any other: `https://x:80/` names another server than `https://x/`.
  const port = parsed.port ? `:${parsed.port}` : '';
  // Sorted by name only (the sort is stable): a name given twice keeps its values in order,
  // which a site may read as a list (`?tag=b&tag=a` is not `?tag=a&tag=b`).
  const params = [...parsed.searchParams.entries()]
    .filter(([name]) => !isTrackingParameter(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const pathname = withoutTrailingSlashes(samePercentEncoding(parsed.pathname));
  return `${host}${port}${pathname}${query}`;
}
