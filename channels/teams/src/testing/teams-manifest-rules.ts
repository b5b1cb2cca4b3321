/* biome-ignore-all lint/suspicious/noExplicitAny: a manifest read from JSON, checked field by field */

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// MAJOR.MINOR.PATCH, no leading zeros (the schema's pattern).
const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const knownVersions = new Set(['1.13', '1.14', '1.15', '1.16', '1.17', '1.19', '1.20', '1.21', '1.22']);
const scopes = new Set(['personal', 'team', 'groupChat', 'groupchat']);

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function httpsUrl(v: unknown): boolean {
  if (!str(v) || v.length > 2048) return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The rules Microsoft documents for a Teams app manifest ("App manifest schema", 1.13+), as a
 * list of broken ones (empty: valid): required fields, `id` a GUID, `version` semver,
 * `manifestVersion` known and matching `$schema`, developer URLs https, name short ≤ 30 / full
 * ≤ 100 and different, description short ≤ 80 / full ≤ 4000, different and the short one not
 * repeated in the full one, `accentColor` `#rrggbb`, icons named, one bot with known scopes and
 * command limits, `validDomains` host names without a scheme or path (≤ 16 entries).
 */
export function teamsManifestProblems(m: any): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, rule: string) => {
    if (!ok) problems.push(rule);
  };
  need(
    str(m?.manifestVersion) && knownVersions.has(m.manifestVersion),
    'manifestVersion is a published version',
  );
  need(
    m?.$schema ===
      `https://developer.microsoft.com/json-schemas/teams/v${m?.manifestVersion}/MicrosoftTeams.schema.json`,
    '$schema is the schema of manifestVersion',
  );
  need(
    str(m?.version) && m.version.length <= 256 && semver.test(m.version),
    'version is semver MAJOR.MINOR.PATCH',
  );
  need(str(m?.id) && guid.test(m.id), 'id is a GUID');
  need(str(m?.developer?.name) && m.developer.name.length <= 32, 'developer.name ≤ 32');
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
    need(httpsUrl(m?.developer?.[key]), `developer.${key} is an https URL ≤ 2048`);
  need(str(m?.name?.short) && m.name.short.length <= 30, 'name.short ≤ 30');
  if (m?.name?.full !== undefined) {
    need(str(m.name.full) && m.name.full.length <= 100, 'name.full ≤ 100');
    need(m.name.full !== m.name.short, 'name.short and name.full differ');
  }
  const d = m?.description;
  need(str(d?.short) && d.short.length <= 80, 'description.short ≤ 80');
  need(str(d?.full) && d.full.length <= 4000, 'description.full ≤ 4000');
  need(
    d?.short !== d?.full && !String(d?.full).includes(String(d?.short)),
    'description.short not repeated in full',
  );
  need(str(m?.icons?.color) && str(m?.icons?.outline), 'icons.color and icons.outline are set');
  need(str(m?.accentColor) && /^#[0-9a-fA-F]{6}$/.test(m.accentColor), 'accentColor is #rrggbb');
  const bots = m?.bots;
  if (bots !== undefined) {
    need(Array.isArray(bots) && bots.length === 1, 'at most one bot');
    for (const bot of Array.isArray(bots) ? bots : []) {
      need(str(bot?.botId) && bot.botId.length <= 64, 'bots[].botId ≤ 64');
      need(
        Array.isArray(bot?.scopes) &&
          bot.scopes.length >= 1 &&
          bot.scopes.every((s: unknown) => scopes.has(String(s))),
        'bots[].scopes are personal / team / groupChat',
      );
      for (const list of bot?.commandLists ?? []) {
        need(Array.isArray(list?.commands) && list.commands.length <= 10, 'commandLists[].commands ≤ 10');
        for (const c of list?.commands ?? [])
          need(
            str(c?.title) && c.title.length <= 32 && str(c?.description) && c.description.length <= 128,
            'command title ≤ 32, description ≤ 128',
          );
      }
    }
  }
  const domains = m?.validDomains;
  if (domains !== undefined) {
    need(Array.isArray(domains) && domains.length <= 16, 'validDomains ≤ 16 entries');
    for (const domain of Array.isArray(domains) ? domains : [])
      need(
        str(domain) && domain.length <= 2048 && !domain.includes('://') && !/[/?#\s]/.test(domain),
        `validDomains entry "${domain}" is a host without scheme or path`,
      );
  }
  return problems;
}
