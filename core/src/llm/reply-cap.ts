import { storableText } from './storable-deltas';

/** Text that ends a sentence: `.`, `!`, `?` (closing quotes or brackets may follow), or CJK `。！？`. */
const sentenceEnd = /(?:[.!?]["'”’)\]]*(?=\s)|[。！？])/gu;
/** Left at the end of a cut reply before the "…": spaces and joining punctuation. */
const dangling = /[\s,;:–—-]+$/u;

/**
 * Where a reply past the cap ends: within the first `room` characters of `text` (the character
 * right after them may be the whitespace that ends the last word), at the last sentence end,
 * else the last whitespace, else (one word longer than the window) at `room` itself.
 */
export function cutAtBoundary(text: string, room: number): string {
  const head = text.slice(0, Math.max(0, room + 1));
  let end = -1;
  for (const match of head.matchAll(sentenceEnd)) {
    const after = match.index + match[0].length;
    if (after <= room) end = after;
  }
  if (end < 0) {
    const space = head.search(/\s\S*$/u);
    end = space >= 0 ? space : Math.min(room, text.length);
  }
  // storableText: a hard cut may split a surrogate pair.
  return storableText(text.slice(0, end).replace(dangling, ''));
}

/** What `push` gives: the text to show now, and whether the reply is complete (the cap reached). */
export interface CapStep {
  text: string;
  capped: boolean;
}

/**
 * Keeps a streamed reply to at most `max` characters, "…" included. The last `window` characters
 * before the cap are held back while they stream, so a reply that runs past the cap can end at a
 * sentence end or a whole word of its own text (with "…"), not inside a word already shown;
 * `flush` releases what was held when the reply ends first.
 */
export function createReplyCap(max: number, window = 400) {
  let shown = 0;
  let pending = '';
  return {
    push(delta: string): CapStep {
      pending += delta;
      if (shown + pending.length > max) {
        const kept = cutAtBoundary(pending, max - 1 - shown);
        const text = `${kept}…`;
        shown += text.length;
        pending = '';
        return { text, capped: true };
      }
      let safe = Math.min(pending.length, Math.max(0, max - window - shown));
      // Never split a surrogate pair between what is shown and what is held.
      if (safe > 0 && /[\uD800-\uDBFF]/.test(pending.charAt(safe - 1))) safe--;
      const text = pending.slice(0, safe);
      pending = pending.slice(safe);
      shown += text.length;
      return { text, capped: false };
    },
    flush(): string {
      const text = pending;
      shown += text.length;
      pending = '';
      return text;
    },
  };
}
