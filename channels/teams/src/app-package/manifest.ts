/** The Teams app manifest schema Clara writes (the version every Teams client and the admin centre accept). */
export const manifestVersion = '1.17';
export const manifestSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;

/** What a workspace's Teams app is made of. */
export interface TeamsManifestInput {
  /** The Azure Bot's Microsoft App ID (a GUID); also the Teams app's id. */
  botId: string;
  /** The server's public https URL (its host is the app's valid domain). */
  publicUrl: string;
  /** The assistant's name (settings.display_name). */
  displayName: string;
  /** The workspace (the organisation the knowledge base belongs to). */
  workspaceName: string;
  welcomeMessage: string;
  /** `#rrggbb`, the workspace's brand colour. */
  accentColor: string;
  /** Suggested questions; those short enough become the bot's command menu. */
  suggestedQuestions: readonly string[];
  /** When the package is made: its version grows with it, so an upload replaces an older one. */
  now?: Date;
}

/** Cuts text to `max` characters, with an ellipsis when it was longer. */
function fit(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** `1.<yyyymmdd>.<minute of the day>`: semver, each number below 2³¹, later packages higher. */
export function packageVersion(now: Date): string {
  const day = now.getUTCFullYear() * 10_000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  return `1.${day}.${now.getUTCHours() * 60 + now.getUTCMinutes()}`;
}

/**
 * The manifest.json of a workspace's Teams app (schema 1.17): one bot in personal chats, teams
 * and group chats, no files, the server's domain as the valid domain, the workspace's name,
 * welcome and colour. Microsoft's limits are kept: name.short ≤ 30, name.full ≤ 100,
 * description.short ≤ 80, description.full ≤ 4000, developer.name ≤ 32, command titles ≤ 32.
 */
export function teamsManifest(input: TeamsManifestInput): Record<string, unknown> {
  const origin = new URL(input.publicUrl);
  if (origin.protocol !== 'https:') throw new Error('A Teams app needs the server’s https URL.');
  const site = `${origin.origin}/`;
  const name = fit(input.displayName, 30);
  const commands = input.suggestedQuestions
    .filter((q) => q.trim().length <= 32)
    .slice(0, 10)
    .map((q) => ({ title: q.trim(), description: fit(`Ask ${name}: ${q}`, 128) }));
  const bot: Record<string, unknown> = {
    botId: input.botId,
    scopes: ['personal', 'team', 'groupChat'],
    supportsFiles: false,
    isNotificationOnly: false,
  };
  if (commands.length > 0) bot.commandLists = [{ scopes: ['personal'], commands }];
  return {
    $schema: manifestSchemaUrl,
    manifestVersion,
    version: packageVersion(input.now ?? new Date()),
    id: input.botId.toLowerCase(),
    developer: {
      name: fit(input.workspaceName, 32),
      websiteUrl: site,
      privacyUrl: site,
      termsOfUseUrl: site,
    },
    name: { short: name, full: fit(`${input.displayName} · ${input.workspaceName}`, 100) },
    description: {
      short: fit(`Answers from ${input.workspaceName}’s knowledge base`, 80),
      full: fit(
        `${input.displayName} answers questions from ${input.workspaceName}’s knowledge base in a chat, ` +
          'in team channels and in group chats (mention it there). Questions it cannot answer yet ' +
          `go to the team, who add the answer. ${input.welcomeMessage}`,
        4000,
      ),
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: input.accentColor.toUpperCase(),
    bots: [bot],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [origin.host],
  };
}
