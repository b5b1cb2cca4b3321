import { describe, expect, it } from 'vitest';
import { isAllowedServiceUrl } from './service-url';

describe('isAllowedServiceUrl', () => {
  it('accepts the Bot Connector hosts over https', () => {
    for (const url of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/teams/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://webchat.botframework.com/',
      'https://europe.webchat.botframework.com/',
      'https://webchat.botframework.azure.us/',
    ])
      expect(isAllowedServiceUrl(url), url).toBe(true);
  });

  it('refuses internal, attacker and look-alike hosts, other ports and plain http', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:5432/',
      'https://attacker.example/',
      'https://smba.trafficmanager.net.attacker.example/',
      'https://evilbotframework.com/',
      'https://botframework.com.attacker.example/',
      'http://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net:8443/amer/',
      'https://user:pw@smba.trafficmanager.net/amer/',
      'not a url',
    ])
      expect(isAllowedServiceUrl(url), url).toBe(false);
  });

  it('accepts the hosts the operator lists, on any port', () => {
    expect(isAllowedServiceUrl('http://127.0.0.1:41234/', ['127.0.0.1'])).toBe(true);
    expect(isAllowedServiceUrl('http://localhost:41234/', ['127.0.0.1'])).toBe(false);
  });
});
