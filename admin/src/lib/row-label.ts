/**
 * The accessible name of a row's button, naming the row it acts on: `Edit “What are your opening
 * hours?”`. It starts with the visible word, so voice control ("click Edit") still finds it.
 */
export function rowLabel(action: string, subject: string): string {
  const short = subject.length > 120 ? `${subject.slice(0, 119).trimEnd()}…` : subject;
  return `${action} “${short}”`;
}
