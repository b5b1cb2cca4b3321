import { resolve } from 'node:path';
import type { z } from 'zod';
import {
  type ChannelProblemMode,
  createChannelProblems,
  type DisabledChannel,
} from './channel-config-problems';
import { ConfigError, invalidConfiguration } from './config-error';
import { type DatabaseConfig, databaseConfig } from './database-config';
import { type Env, envSchema } from './env-schema';
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
  /** Load shedding of chat turns: concurrent turns, and the longest wait for a slot (0 = none). */
  chatAdmission: { concurrency: number; maxQueueMs: number };
  /** Trust X-Forwarded-For/-Proto/-Host: `hops` = proxies trusted (0 = the whole header). */
  trustProxy: { hops: number } | false;
  slack: SlackConfig;
  /** Slack/Teams left out because their variables are incomplete or invalid (`loadConfig`'s `disable`); warn about each. */
  disabledChannels: DisabledChannel[];
}

/**
 * Reads and validates configuration from the environment (call once, in the composition root).
 * An incomplete or invalid Slack/Teams configuration throws with `channels: 'refuse'` (the
 * default: serving); with `disable` that channel is left out and listed in `disabledChannels`.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { channels?: ChannelProblemMode } = {},
): Config {
  const cleaned = withoutEmpty(env);
  const problems = createChannelProblems(options.channels ?? 'refuse', (m) => new ConfigError(m));
  let parsed = envSchema.safeParse(cleaned);
  if (!parsed.success && problems.dropInvalid(cleaned, parsed.error.issues))
    parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) throw invalidIssues(parsed.error.issues);
  const e = parsed.data;
  // In this order: with `refuse`, the first problem found is the one reported.
  const slack = slackConfig(e, problems);
  const teams = teamsConfig(e, problems);
  const database = databaseConfig(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.CLARA_DATA_DIR),
    ...database,
    publicUrl: e.CLARA_PUBLIC_URL,
    production: e.NODE_ENV === 'production' || Boolean(e.DATABASE_URL),
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
    chatAdmission: { concurrency: e.CLARA_CHAT_CONCURRENCY, maxQueueMs: e.CLARA_CHAT_QUEUE_MS },
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
  return invalidConfiguration(...issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'false') return false;
  return { hops: value === 'true' ? 0 : Number(value) };
}
