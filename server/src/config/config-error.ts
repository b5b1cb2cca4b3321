/** A configuration Clara cannot start with; its message names the variables to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A ConfigError listing what is wrong, one problem a line: "Invalid configuration:\n  …". */
export function invalidConfiguration(...lines: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${lines.map((line) => `  ${line}`).join('\n')}`);
}
