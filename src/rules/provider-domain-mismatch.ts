// provider-domain-mismatch: provider.domain that is neither the canonical URL's host nor a parent of it.
import { domainToASCII } from 'node:url';
import { hostOf, isIpAddress, isMapping, isSubdomainOf, normaliseDomain, normaliseUrl } from '../core/normalise.js';
import { articleEntries, describeValue } from './helpers.js';
import { truncate } from '../core/text.js';
import type { DocumentRule } from './types.js';

function canonicalLink(data: Record<string, unknown>): { field: string; url: string } | null {
  for (const field of ['originalUrl', 'webUrl']) {
    const value = data[field];
    const url = typeof value === 'string' ? normaliseUrl(value) : null;
    if (url) return { field, url };
  }
  return null;
}

// A host name in its ASCII form: dot-separated labels of letters, digits, hyphens (not at a
// label's ends) and underscores (some real hosts have them), at most 253 characters.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

// What an international domain may hold besides letters of other scripts.
const INTERNATIONAL_NAME = /^[a-z0-9._\-\u0080-\uffff]+$/;

/** True for a normalised domain that can be a host's name (international ones in their ASCII form). */
function isDomainName(domain: string): boolean {
  // The URL parser's ASCII form also decodes `%61` and reads `\` as `/`: those are not let through.
  return HOST_NAME.test(domain) || isIpAddress(domain) || (INTERNATIONAL_NAME.test(domain) && HOST_NAME.test(domainToASCII(domain)));
}

export const providerDomainMismatch: DocumentRule = {
  id: 'provider-domain-mismatch',
  description: 'provider.domain is a domain name, and the host of the canonical URL (originalUrl, else webUrl) or a parent domain of it (one with a dot), ignoring www.',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      const provider = data.provider;
      if (!isMapping(provider) || typeof provider.domain !== 'string') continue;
      const domain = normaliseDomain(provider.domain);
      const path = `${prefix}provider.domain`;
      if (provider.domain.trim() !== '' && (domain === null || !isDomainName(domain))) {
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(provider.domain)} is not a domain name: expected a host such as example.com`);
        continue;
      }
      const link = canonicalLink(data);
      const host = link ? hostOf(link.url) : null;
      // A parent as for `list --provider`: one with a dot (`com` is no provider's domain), never above an IP address.
      if (!domain || !link || !host || host === domain || isSubdomainOf(host, domain)) continue;
      report(
        document.locate.valueOrNearest(path),
        `${path}: ${describeValue(provider.domain)} does not match the host of ${prefix}${link.field} (${truncate(host, 200)}): expected that host or a parent domain of it`,
      );
    }
  },
};
