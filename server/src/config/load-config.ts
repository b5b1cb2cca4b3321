import { resolve } from 'node:path';
import type { z } from 'zod';
import { parseMasterKey } from '../vault/master-key';
import { missingMasterKeyMessage } from '../vault/resolve-master-key';
import {
  type ChannelProblemMode,
  createChannelProblems,
  type DisabledChannel,
} from './channel-config-problems';
import { ConfigError, invalidConfiguration } from './config-error';
import { type DatabaseConfig, databaseConfig } from './database-config';
import { type Env, envSchema } from './env-schema';
import { publicUrlProblems } from './require-public-url';
import { type SlackConfig, slackConfig } from './slack-config';
import { type TeamsConfig, teamsConfig } from './teams-config';

/** Clara's configuration: what `loadConfig` read from the environment, passed down from the composition root. */
export interface Config extends DatabaseConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | undefined;
  /** NODE_ENV=production or DATABASE_URL set: serving then needs CLARA_PUBLIC_URL (`requirePublicUrl`). */
  production: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** Graceful shutdown: the longest wait for in-flight requests and answers (ms). */
  shutdownTimeoutMs: number;
  /** Sign-up control for Clara's own accounts (see `createSignUpGuard`). */
  signup: { mode: 'open' | 'invite' | 'closed'; perHour: number };
  teams: TeamsConfig;
  llm: {
    openAiBaseUrl: string | undefined;
    anthropicBaseUrl: string | undefined;
    /** `OPENAI_API_KEY`: embeddings for every workspace (never logged). */
    openAiEmbeddingsKey: string | undefined;
    totalTimeoutMs: number;
    firstTokenTimeoutMs: number;
    /** First cool-down of a key's circuit breaker (0 = off). */
    breakerCoolDownMs: number;
  };
  chatRateLimit: { perIpPerMinute: number; perSessionPerMinute: number };
  /** Load shedding of chat turns: concurrent turns, per workspace (unset: half), and the longest wait for a slot (0 = none). */
  chatAdmission: { concurrency: number; perWorkspace: number | undefined; maxQueueMs: number };
  /** Trust X-Forwarded-For/-Proto/-Host: `hops` = proxies trusted (0 = the whole header). */
  trustProxy: { hops: number } | false;
  slack: SlackConfig;
  /** Slack/Teams left out because their variables are incomplete or invalid (`loadConfig`'s `disable`); warn about each. */
  disabledChannels: DisabledChannel[];
}

/** What the command about to run needs beyond a valid environment (checked with everything else). */
export interface ConfigNeeds {
  channels?: ChannelProblemMode;
  /** `clara serve` / `start`: in production CLARA_PUBLIC_URL is required. */
  serving?: boolean;
  /** The command seals, opens or signs secrets: with DATABASE_URL, CLARA_ENCRYPTION_KEY is required. */
  needsMasterKey?: boolean;
}

/**
 * Reads and validates configuration from the environment (call once, in the composition root).
 * Every problem found (an invalid variable, a missing one the command needs, an incomplete
 * Slack/Teams configuration with `channels: 'refuse'`, the default) is reported in one
 * ConfigError, one a line, so the owner fixes them all at once; with `disable` an incomplete
 * channel is left out and listed in `disabledChannels` instead.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: ConfigNeeds = {}): Config {
  const cleaned = withoutEmpty(env);
  const problems = createChannelProblems(options.channels ?? 'refuse');
  const lines: string[] = [];
  let parsed = envSchema.safeParse(cleaned);
  if (!parsed.success && problems.dropInvalid(cleaned, parsed.error.issues))
    parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // Each invalid variable is named; the rest are still checked, without the invalid ones.
    lines.push(...parsed.error.issues.map(issueLine));
    const valid = { ...cleaned };
    for (const issue of parsed.error.issues) delete valid[String(issue.path[0] ?? '')];
    parsed = envSchema.safeParse(valid);
    if (!parsed.success) throw invalidConfiguration(...lines);
  }
  const invalid = new Set(lines.map((line) => line.split(':')[0]));
  const e = parsed.data;
  const slack = slackConfig(e, problems);
  const teams = teamsConfig(e, problems);
  lines.push(...problems.refused);
  const database = collect(lines, () => databaseConfig(e));
  const production = e.NODE_ENV === 'production' || Boolean(e.DATABASE_URL);
  if (options.serving && !invalid.has('CLARA_PUBLIC_URL'))
    lines.push(...publicUrlProblems({ production, publicUrl: e.CLARA_PUBLIC_URL }));
  lines.push(...masterKeyProblems(e, options.needsMasterKey ?? false));
  if (lines.length > 0 || !database) throw invalidConfiguration(...lines);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.CLARA_DATA_DIR),
    ...database,
    publicUrl: e.CLARA_PUBLIC_URL,
    production,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.CLARA_SHUTDOWN_TIMEOUT_MS,
    signup: {
      mode: e.CLARA_SIGNUP ?? 'invite',
      perHour: e.CLARA_SIGNUP_PER_HOUR,
    },
    teams,
    llm: {
      openAiBaseUrl: e.OPENAI_BASE_URL,
      anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
      openAiEmbeddingsKey: e.OPENAI_API_KEY,
      totalTimeoutMs: e.CLARA_LLM_TIMEOUT_MS,
      firstTokenTimeoutMs: e.CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS,
      breakerCoolDownMs: e.CLARA_LLM_BREAKER_MS,
    },
    chatRateLimit: {
      perIpPerMinute: e.CLARA_CHAT_RATE_PER_IP,
      perSessionPerMinute: e.CLARA_CHAT_RATE_PER_SESSION,
    },
    chatAdmission: {
      concurrency: e.CLARA_CHAT_CONCURRENCY,
      perWorkspace: e.CLARA_CHAT_CONCURRENCY_PER_WORKSPACE,
      maxQueueMs: e.CLARA_CHAT_QUEUE_MS,
    },
    trustProxy: parseTrustProxy(e.CLARA_TRUST_PROXY),
    slack,
    disabledChannels: problems.disabled,
  };
}

/** What `clara eval --with-key` reads: the OpenAI key and endpoint, and nothing else it could fail on. */
export interface EvalConfig {
  openAiKey: string | undefined;
  openAiBaseUrl: string | undefined;
}

/** Reads `clara eval`'s two variables (eval runs on its own database, whatever else is configured). */
export function loadEvalConfig(env: NodeJS.ProcessEnv = process.env): EvalConfig {
  const parsed = envSchema.pick({ OPENAI_API_KEY: true, OPENAI_BASE_URL: true }).safeParse(withoutEmpty(env));
  if (!parsed.success) throw invalidIssues(parsed.error.issues);
  return { openAiKey: parsed.data.OPENAI_API_KEY, openAiBaseUrl: parsed.data.OPENAI_BASE_URL };
}

/** A variable set to the empty string counts as unset. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
}

function invalidIssues(issues: readonly z.core.$ZodIssue[]): ConfigError {
  return invalidConfiguration(...issues.map(issueLine));
}

const issueLine = (i: z.core.$ZodIssue) => `${i.path.join('.')}: ${i.message}`;

/** Runs a section builder that throws a ConfigError; its lines go to `lines` instead. */
function collect<T>(lines: string[], build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    lines.push(
      ...error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    );
    return undefined;
  }
}

/** CLARA_ENCRYPTION_KEY: a set key must parse; with DATABASE_URL a command that needs one must have it. */
function masterKeyProblems(e: Env, needed: boolean): string[] {
  if (e.CLARA_ENCRYPTION_KEY !== undefined && e.CLARA_ENCRYPTION_KEY.trim() !== '') {
    try {
      parseMasterKey(e.CLARA_ENCRYPTION_KEY);
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  }
  return needed && e.DATABASE_URL ? [missingMasterKeyMessage(resolve(e.CLARA_DATA_DIR))] : [];
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'false') return false;
  return { hops: value === 'true' ? 0 : Number(value) };
}
