// url-date-mismatch: a canonical URL whose path carries a date (`/2019/11/`, `/2021/03/05/`,
// `/2023-10-16-`) far from publishedDateTime: a story re-dated when it was collected ranks as new.
import { parseDate } from '../core/dates.js';
import { documentUrls } from './helpers.js';
import type { DocumentRule } from './types.js';

const DAY = 24 * 60 * 60 * 1000;
/** How far outside the URL's day (or month) the date may be: time zones, and a story published a day after it was filed. */
export const URL_DATE_TOLERANCE_DAYS = 2;

// In the path only: `/YYYY/MM/` with an optional `DD/`, or `/YYYY-MM-DD` before `/`, `-`, `.` or the end.
const SLASHED = /\/((?:19|20)\d\d)\/(0[1-9]|1[0-2])(?:\/(0[1-9]|[12]\d|3[01]))?(?=\/|$)/g;
const DASHED = /\/((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=[/.-]|$)/g;

interface UrlDate {
  start: number;
  end: number;
  label: string;
}

/** Every date a URL's path names, in order: its first and last millisecond, and how it is written. */
export function datesInUrl(url: string): UrlDate[] {
  const afterHost = url.indexOf('/', url.indexOf('//') + 2);
  if (afterHost === -1) return [];
  const query = url.search(/[?#]/);
  const path = url.slice(afterHost, query === -1 ? undefined : query);
  const found: Array<UrlDate & { at: number }> = [];
  for (const pattern of [SLASHED, DASHED]) {
    for (const match of path.matchAll(pattern)) {
      const date = dateOf(match[1]!, match[2]!, match[3]);
      if (date) found.push({ ...date, at: match.index });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ start, end, label }) => ({ start, end, label }));
}

function dateOf(yearText: string, monthText: string, dayText: string | undefined): UrlDate | null {
  const [year, month] = [Number(yearText), Number(monthText)];
  if (dayText === undefined) return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) - 1, label: `${yearText}-${monthText}` };
  const day = Number(dayText);
  const start = Date.UTC(year, month - 1, day);
  // 2021/02/30 is no date: Date.UTC would roll it into March.
  if (new Date(start).getUTCDate() !== day) return null;
  return { start, end: start + DAY - 1, label: `${yearText}-${monthText}-${dayText}` };
}

/** The first date a URL's path names; null when none. */
export function dateInUrl(url: string): UrlDate | null {
  return datesInUrl(url)[0] ?? null;
}

export const urlDateMismatch: DocumentRule = {
  id: 'url-date-mismatch',
  description: `publishedDateTime is within ${URL_DATE_TOLERANCE_DAYS} days of a date in the canonical URL's path (/2019/11/, /2021/03/05/)`,
  severity: 'warning',
  fixable: false,
  scope: 'document',
  // The article's own date only: it is what ranks. A related entry's date is the other site's.
  check(document, report) {
    const data = document.fields;
    if (!data) return;
    // The URLs as the other URL rules read them (each normalised once per document).
    const urls = documentUrls(document);
    const canonical = urls.find((entry) => entry.path === 'originalUrl' && entry.url) ?? urls.find((entry) => entry.path === 'webUrl' && entry.url);
    const field = canonical?.path;
    const dates = canonical?.url ? datesInUrl(canonical.url) : [];
    const published = dates.length > 0 ? parseDate(data.publishedDateTime) : null;
    if (published === null) return;
    const time = Date.parse(published);
    const tolerance = URL_DATE_TOLERANCE_DAYS * DAY;
    // A path with several dates (`/2019/11/2023/10/16/`) agrees when any of them does; else the
    // closest one is named.
    const distance = (date: UrlDate) => (time < date.start ? date.start - time : time > date.end ? time - date.end : 0);
    const named = dates.reduce((best, date) => (distance(date) < distance(best) ? date : best));
    if (time >= named.start - tolerance && time <= named.end + tolerance) return;
    // Rounded up: past the tolerance is always more days than it allows.
    const days = Math.ceil(distance(named) / DAY);
    const direction = time < named.start ? 'before' : 'after';
    report(
      document.locate.valueOrNearest('publishedDateTime'),
      `publishedDateTime: ${published.replace('.000Z', 'Z')} is ${days} days ${direction} the date in ${field} (${named.label}): expected them within ${URL_DATE_TOLERANCE_DAYS} days of each other`,
    );
  },
};
