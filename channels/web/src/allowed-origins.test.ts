import { describe, expect, it } from 'vitest';
import { wildcardOverPublicSuffix } from './allowed-origins';

// The Public Suffix List bundled in tldts, read offline: ICANN suffixes and shared hosts alike.
describe('wildcardOverPublicSuffix', () => {
  it('names the public suffix a wildcard stands over, shared hosts included', () => {
    const entries = {
      'https://*.github.io': 'github.io',
      'https://*.co.uk': 'co.uk',
      'https://*.com.au': 'com.au',
      'https://*.myshopify.com': 'myshopify.com',
      'https://*.netlify.app': 'netlify.app',
      'https://*.vercel.app': 'vercel.app',
      'https://*.herokuapp.com': 'herokuapp.com',
      'https://*.pages.dev': 'pages.dev',
      'https://*.web.app': 'web.app',
      'https://*.azurewebsites.net': 'azurewebsites.net',
      'https://*.blogspot.com': 'blogspot.com',
      'http://*.github.io:8080': 'github.io',
    };
    for (const [entry, suffix] of Object.entries(entries))
      expect(wildcardOverPublicSuffix(entry), entry).toBe(suffix);
  });

  it('leaves a site’s own domain, exact origins, localhost and refused entries alone', () => {
    for (const entry of [
      'https://*.shop.example',
      'https://*.mybrand.co.uk',
      'https://*.myshop.github.io',
      'http://*.localhost:8080',
      'https://github.io',
      'https://co.uk',
      'https://*.com', // refused by the contract's own rule (too wide)
      'https://a.*.github.io',
    ]) {
      expect(wildcardOverPublicSuffix(entry), entry).toBeNull();
    }
  });
});
