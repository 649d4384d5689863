// url-site-mismatch: webUrl and originalUrl on two different sites, which in a feed means two
// stories were mixed up (the page shown is not the one the article came from).
import { hostOf, isCountrySecondLevel, isIpAddress, normaliseUrl, type Mapping } from '../core/normalise.js';
import { truncate } from '../core/text.js';
import { articleEntries } from './helpers.js';
import type { DocumentRule } from './types.js';

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

function hostIn(data: Mapping, field: string): string | null {
  const value = data[field];
  const url = typeof value === 'string' ? normaliseUrl(value) : null;
  return url ? hostOf(url) : null;
}

export const urlSiteMismatch: DocumentRule = {
  id: 'url-site-mismatch',
  description: 'webUrl and originalUrl, when both are given, are on one site (their domains alike but for subdomains): two sites mean two stories mixed up',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      const webHost = hostIn(data, 'webUrl');
      const originalHost = hostIn(data, 'originalUrl');
      if (webHost === null || originalHost === null || webHost === originalHost) continue;
      const [webSite, originalSite] = [siteOf(webHost), siteOf(originalHost)];
      if (webSite === originalSite) continue;
      report(
        document.locate.valueOrNearest(`${prefix}webUrl`),
        `${prefix}webUrl: its site (${truncate(webSite, 100)}) is not originalUrl's (${truncate(originalSite, 100)}): expected both to address one article, on one site`,
      );
    }
  },
};
