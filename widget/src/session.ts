/** A random v4 UUID, also on plain-http pages where `crypto.randomUUID` is missing. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 15) | 64;
  b[8] = ((b[8] ?? 0) & 63) | 128;
  const x = Array.from(b, (n) => n.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** sessionStorage scoped to one workspace, silent where storage is blocked. */
export function sessionStore(workspaceId: string): {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
} {
  const k = (key: string): string => `clara:${workspaceId}:${key}`;
  return {
    get(key) {
      try {
        return sessionStorage.getItem(k(key));
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value === null) sessionStorage.removeItem(k(key));
        else sessionStorage.setItem(k(key), value);
      } catch {
        // Storage blocked (sandboxed iframe, privacy mode): the chat still works, unsaved.
      }
    },
  };
}
