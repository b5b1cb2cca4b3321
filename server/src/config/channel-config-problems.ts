import type { z } from 'zod';

/** A chat channel configured by the environment. */
export type EnvChannel = 'Slack' | 'Teams';

/** A channel whose environment configuration is incomplete or invalid, and why. */
export interface DisabledChannel {
  channel: EnvChannel;
  reason: string;
}

/**
 * What `loadConfig` does with an incomplete or invalid Slack/Teams configuration: `refuse`
 * (serving: a ConfigError, nothing opens) or `disable` (every other command: the channel is
 * left out and reported in `Config.disabledChannels`, for one warning line).
 */
export type ChannelProblemMode = 'refuse' | 'disable';

const prefix = 'Invalid configuration:\n  ';

/** The channel an environment variable configures, if any. */
export function channelOfVariable(name: string): EnvChannel | null {
  if (name.startsWith('SLACK_')) return 'Slack';
  if (name.startsWith('MICROSOFT_APP_') || name.startsWith('TEAMS_')) return 'Teams';
  return null;
}

/** What `createChannelProblems` returns: the collector the Slack and Teams sections report to. */
export type ChannelProblems = ReturnType<typeof createChannelProblems>;

/**
 * Collects channel problems: with `disable` the channel is left out; with `refuse` each problem
 * is kept in `refused` for the caller to report with every other problem in one message.
 */
export function createChannelProblems(mode: ChannelProblemMode) {
  const disabled: DisabledChannel[] = [];
  const refused: string[] = [];
  const report = (channel: EnvChannel, reason: string) => {
    if (mode === 'refuse') {
      refused.push(reason);
      return;
    }
    const known = disabled.find((d) => d.channel === channel);
    if (known) known.reason = `${known.reason}; ${reason}`;
    else disabled.push({ channel, reason });
  };
  return {
    disabled,
    /** With `refuse`: every problem found, one a line (the caller throws them together). */
    refused,
    report,
    /** Whether the channel was reported (and so is left out of the configuration). */
    isDisabled: (channel: EnvChannel) => disabled.some((d) => d.channel === channel),
    /** Runs a check that throws a ConfigError-like error; `disable` reports it and returns `fallback`. */
    check<T>(channel: EnvChannel, run: () => T, fallback: T): T {
      try {
        return run();
      } catch (error) {
        report(channel, (error as Error).message.replace(prefix, ''));
        return fallback;
      }
    },
    /**
     * With `disable`, the schema issues of channel variables are reported and all of those
     * channels' variables dropped from `env` (returned true: parse again); any other issue is
     * left to the caller (false).
     */
    dropInvalid(env: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): boolean {
      if (mode === 'refuse') return false;
      const channels = issues.map((i) => channelOfVariable(String(i.path[0] ?? '')));
      if (channels.some((c) => c === null)) return false;
      issues.forEach((issue, n) => {
        report(channels[n] as EnvChannel, `${issue.path.join('.')}: ${issue.message}`);
      });
      // The channel is off: none of its variables is read (nor checked against the others).
      for (const name of Object.keys(env)) {
        const channel = channelOfVariable(name);
        if (channel && channels.includes(channel)) delete env[name];
      }
      return true;
    },
  };
}
