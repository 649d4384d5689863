import { doc, testRule, validLines } from './rule-tester.js';

const provider = (domain: string) => `provider:\n  name: Example\n  domain: ${domain}`;

testRule('provider-domain-mismatch', {
  valid: [
    { name: 'the parent of the host (www. ignored)', source: doc(...validLines()) },
    { name: 'the host itself', source: doc(...validLines({ provider: provider('www.example.test') })) },
    { name: 'a parent of a subdomain', source: doc(...validLines({ originalUrl: 'originalUrl: https://news.blog.example.test/a', webUrl: null })) },
    { name: 'upper case and a trailing dot', source: doc(...validLines({ provider: provider('Example.TEST.') })) },
    {
      name: 'an international domain typed in Unicode, the URL in either form',
      source: doc(...validLines({ provider: provider('bücher.de'), originalUrl: 'originalUrl: https://www.xn--bcher-kva.de/a', webUrl: 'webUrl: https://bücher.de/a' })),
    },
    { name: 'an international domain typed in punycode', source: doc(...validLines({ provider: provider('xn--bcher-kva.de'), originalUrl: 'originalUrl: https://bücher.de/a', webUrl: null })) },
    { name: 'no domain', source: doc(...validLines({ provider: 'provider:\n  name: Example' })) },
    { name: 'no valid URL', source: doc(...validLines({ originalUrl: 'originalUrl: nowhere', webUrl: null })) },
    { name: 'an empty domain (as good as none)', source: doc(...validLines({ provider: provider('""') })) },
    { name: 'an IPv4 host itself', source: doc(...validLines({ provider: provider('192.168.0.1'), originalUrl: 'originalUrl: https://192.168.0.1/a', webUrl: null })) },
    { name: 'an IPv6 host itself, in any form', source: doc(...validLines({ provider: provider('"[2001:DB8:0::1]"'), originalUrl: 'originalUrl: https://[2001:db8::1]:8080/a', webUrl: null })) },
  ],
  invalid: [
    {
      name: 'another site',
      source: doc(...validLines({ provider: provider('other.test') })),
      problems: [{ line: 9, column: 11, message: "provider.domain: 'other.test' does not match the host of originalUrl (example.test): expected that host or a parent domain of it" }],
    },
    { name: 'a suffix that is not a parent', source: doc(...validLines({ provider: provider('ample.test') })), problems: [{ line: 9, column: 11 }] },
    { name: 'a child of the host', source: doc(...validLines({ provider: provider('news.example.test') })), problems: [{ line: 9, column: 11 }] },
    // An IP address has no parent domains.
    {
      name: 'the last numbers of an IPv4 host',
      source: doc(...validLines({ provider: provider('"0.1"'), originalUrl: 'originalUrl: https://192.168.0.1/a', webUrl: null })),
      problems: [{ line: 8, column: 11, message: /'0\.1' does not match the host of originalUrl \(192\.168\.0\.1\)/ }],
    },
    // `list --provider nytimes.com` would not find it, nor would `--provider com` find only it.
    { name: 'a top-level domain alone', source: doc(...validLines({ provider: provider('test') })), problems: [{ line: 9, column: 11, message: /provider\.domain: 'test' does not match the host of originalUrl \(example\.test\)/ }] },
    {
      name: 'originalUrl is canonical, not webUrl',
      source: doc(...validLines({ originalUrl: 'originalUrl: https://source.test/a', webUrl: 'webUrl: https://example.test/a' })),
      problems: [{ line: 9, column: 11, message: /host of originalUrl \(source\.test\)/ }],
    },
    {
      name: 'not a domain name at all (a space, an escape sequence), though the URL gives one',
      source: doc(...validLines({ provider: provider('"evil \\e[31mnot a domain"') })),
      problems: [{ line: 9, column: 11, message: "provider.domain: 'evil \x1b[31mnot a domain' is not a domain name: expected a host such as example.com" }],
    },
    { name: 'a character no host has', source: doc(...validLines({ provider: provider('"example$.test"') })), problems: [{ line: 9, column: 11, message: /'example\$\.test' is not a domain name/ }] },
    // The URL parser would decode the first and read the second as a path: neither is a name.
    { name: 'a percent-escape', source: doc(...validLines({ provider: provider('"ex%61mple.test"') })), problems: [{ line: 9, column: 11, message: /'ex%61mple\.test' is not a domain name/ }] },
    { name: 'a backslash', source: doc(...validLines({ provider: provider('"exam\\\\ple.test"') })), problems: [{ line: 9, column: 11, message: /is not a domain name/ }] },
    { name: 'without any URL to compare', source: doc(...validLines({ provider: provider('"two words"'), originalUrl: 'originalUrl: nowhere', webUrl: null })), problems: [{ line: 8, column: 11, message: /is not a domain name/ }] },
    {
      name: 'in a related article',
      source: doc(...validLines({ related: 'related:\n  - title: x\n    webUrl: https://a.test/x\n    provider:\n      domain: b.test' })),
      problems: [{ line: 16, column: 15, message: /^related\[0\]\.provider\.domain: 'b\.test' does not match the host of related\[0\]\.webUrl \(a\.test\)/ }],
    },
  ],
});
