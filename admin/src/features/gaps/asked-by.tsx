import type { AskedBy } from '@clara/contract';

/**
 * "asked by Ada (ada@example.com)": Clara never writes to a website visitor itself, so the
 * owner sees their email here and can reply; nothing when the asker left neither. `first`: it
 * starts its line (no " · " before it).
 */
export function AskedByLine(props: { askedBy: AskedBy | null | undefined; first?: boolean }) {
  const a = props.askedBy;
  if (!a || (!a.name && !a.email)) return null;
  const email = a.email ? <a href={`mailto:${a.email}`}>{a.email}</a> : null;
  return (
    <span className="muted small asked-by">
      {props.first ? 'asked by ' : ' · asked by '}
      {a.name ?? null}
      {a.name && email ? ' (' : null}
      {email}
      {a.name && email ? ')' : null}
    </span>
  );
}
