/**
 * Hosts of Microsoft's Bot Connector service (the `serviceUrl` Teams and the Bot Framework
 * send with activities): the public Teams endpoint and its regional paths, the US government
 * clouds (GCC, GCC High, DoD), and the Bot Framework service domains of the public, US
 * government and China clouds.
 */
const exactHosts = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
const hostSuffixes = ['.botframework.com', '.botframework.azure.us', '.botframework.azure.cn'];

/**
 * Whether a proactive message may be sent to `serviceUrl`: an https URL on a Bot Connector host,
 * or any URL on a host the operator listed (`extraHosts`, e.g. a private cloud or a local fake).
 * Anything else would carry the bot's token to a host of someone else's choosing.
 */
export function isAllowedServiceUrl(serviceUrl: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (extraHosts.some((h) => h.toLowerCase() === host)) return true;
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return false;
  return exactHosts.has(host) || hostSuffixes.some((s) => host.endsWith(s));
}
