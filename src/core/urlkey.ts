// Comparison keys for links: two links that name the same story get the same key.

/**
 * A key under which equivalent article URLs compare equal: scheme, a leading `www.`, the
 * fragment, `utm_*` parameters, default ports and a trailing slash are ignored; host is
 * lower-cased; remaining query parameters are sorted. Null for anything that is not http(s).
 */
export function urlKey(link: string | null | undefined): string | null {
  if (!link) return null;
  let parsed: URL;
  try {
    parsed = new URL(link.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const params = [...parsed.searchParams.entries()]
    .filter(([name]) => !name.toLowerCase().startsWith('utm_'))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  let pathname = parsed.pathname.replace(/\/+$/, '');
  if (pathname === '') pathname = '';
  return `${host}${port}${pathname}${query}`;
}
