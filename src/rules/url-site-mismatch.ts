// url-site-mismatch: webUrl and originalUrl on two different sites, which in a feed means two
// stories were mixed up (the page shown is not the one the article came from).
import { hostOf, isIpAddress } from '../core/normalise.js';
import { truncate } from '../core/text.js';
import { documentUrls } from './helpers.js';
import type { DocumentRule, UrlField } from './types.js';

// The second-level names countries register sites under (`co.uk`, `com.au`, `ne.jp`): no site
// of its own, so a host's site is the label before them too. Without a list of public suffixes,
// these generic ones, under a two-letter top-level domain.
const COUNTRY_SECOND_LEVELS = new Set(['ac', 'co', 'com', 'ed', 'edu', 'go', 'gob', 'gouv', 'gov', 'govt', 'gv', 'lg', 'ltd', 'mil', 'ne', 'net', 'nhs', 'nic', 'nom', 'or', 'org', 'plc', 'sch']);

/** True for a domain that is a country's second level (`co.uk`, `com.au`): a suffix sites sit under, no site itself. */
export function isCountrySecondLevel(domain: string): boolean {
  const dot = domain.indexOf('.');
  return dot > 0 && domain.indexOf('.', dot + 1) === -1 && domain.length - dot - 1 === 2 && COUNTRY_SECOND_LEVELS.has(domain.slice(0, dot));
}

/**
 * The site a host belongs to, without a list of public suffixes: its last two labels, or three
 * when the last two are a country's second level (`bbc.co.uk`, `abc.net.au`; see
 * isCountrySecondLevel); an IP address is its own site.
 */
export function siteOf(host: string): string {
  if (isIpAddress(host)) return host;
  const labels = host.split('.');
  return labels.slice(labels.length >= 3 && isCountrySecondLevel(labels.slice(-2).join('.')) ? -3 : -2).join('.');
}

const WEB = 'webUrl';
const ORIGINAL = 'originalUrl';

export const urlSiteMismatch: DocumentRule = {
  id: 'url-site-mismatch',
  description: 'webUrl and originalUrl, when both are given, are on one site (their domains alike but for subdomains): two sites mean two stories mixed up',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    // The document's links, normalised once for every URL rule; an entry's fields come together.
    let web: UrlField | null = null;
    let original: UrlField | null = null;
    for (const field of documentUrls(document)) {
      if (field.path.endsWith(ORIGINAL)) original = field;
      else if (field.path.endsWith(WEB)) web = field;
      else continue;
      if (web === null || original === null || web.path.slice(0, -WEB.length) !== original.path.slice(0, -ORIGINAL.length)) continue;
      const [webUrl, originalUrl] = [web.url, original.url];
      web = original = null;
      // Most entries give one URL twice: no host to compare.
      if (webUrl === null || originalUrl === null || webUrl === originalUrl) continue;
      const [webHost, originalHost] = [hostOf(webUrl), hostOf(originalUrl)];
      if (webHost === null || originalHost === null || webHost === originalHost) continue;
      const [webSite, originalSite] = [siteOf(webHost), siteOf(originalHost)];
      if (webSite === originalSite) continue;
      const prefix = field.path.slice(0, -(field.path.endsWith(ORIGINAL) ? ORIGINAL : WEB).length);
      report(
        document.locate.valueOrNearest(`${prefix}webUrl`),
        `${prefix}webUrl: its site (${truncate(webSite, 100)}) is not originalUrl's (${truncate(originalSite, 100)}): expected both to address one article, on one site`,
      );
    }
  },
};
