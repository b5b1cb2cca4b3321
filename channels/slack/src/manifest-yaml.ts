type Yaml = string | boolean | number | Yaml[] | { [key: string]: Yaml };

// Scopes and event names read the same unquoted (`app_mentions:read`, `message.im`).
const plain = /^[A-Za-z0-9_.:-]+$/;
const scalar = (value: string | boolean | number, inList: boolean) =>
  typeof value === 'string' && !(inList && plain.test(value)) ? JSON.stringify(value) : String(value);

function lines(value: Yaml, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) =>
      typeof item === 'object'
        ? [`${indent}-`, ...lines(item, `${indent}  `)]
        : [`${indent}- ${scalar(item, true)}`],
    );
  }
  if (typeof value !== 'object') return [`${indent}${scalar(value, false)}`];
  return Object.entries(value).flatMap(([key, item]) =>
    Array.isArray(item) && item.length === 0
      ? [`${indent}${key}: []`]
      : typeof item === 'object'
        ? [`${indent}${key}:`, ...lines(item, `${indent}  `)]
        : [`${indent}${key}: ${scalar(item, false)}`],
  );
}

/** Writes a manifest as YAML: two-space indents, strings double-quoted (JSON escapes are valid YAML). */
export function slackManifestYaml(manifest: object): string {
  return `${lines(manifest as Yaml, '').join('\n')}\n`;
}
