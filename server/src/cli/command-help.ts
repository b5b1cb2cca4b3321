/**
 * One command's part of the full usage: its `  clara <command> …` lines and their indented
 * continuation lines, or `null` for a command the usage does not know.
 */
export function commandHelp(fullHelp: string, command: string): string | null {
  const lines: string[] = [];
  let inside = false;
  for (const line of fullHelp.split('\n')) {
    if (/^ {2}clara /.test(line))
      inside = line.startsWith(`  clara ${command} `) || line === `  clara ${command}`;
    else if (!/^ {3,}\S/.test(line)) inside = false;
    if (inside) lines.push(line);
  }
  if (lines.length === 0) return null;
  return `Usage:\n${lines.join('\n')}\n\nEvery command: clara --help`;
}

/** The line after a usage error: where that command's usage is (or the whole one). */
export function usageHint(fullHelp: string, command: string | undefined): string {
  return command && commandHelp(fullHelp, command) ? `Usage: clara ${command} --help` : 'Usage: clara --help';
}
