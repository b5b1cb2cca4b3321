/** One speaker turn of a call transcript. */
export interface TranscriptTurn {
  /** The speaker's name as written, or null when the line names none. */
  speaker: string | null;
  text: string;
  /** 1-based line of the transcript where the turn starts. */
  line: number;
}

const cueTiming = /^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;
const timestamp = /^\s*[[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?[\])]?\s*[-–|]?\s*/;
const voiceTag = /^<v(?:\.[^\s>]+)?\s+([^>]{1,60})>/i;
// "Alice:", "Dr. Alice Smith:", "Alice (00:12):", "**Alice**:", "Sam (Brightside):", "Ana [customer]:"
// — at most four words before the colon, and an optional timestamp or label in brackets.
const speakerPrefix =
  /^\**([A-Za-zÀ-ÿ][\w.'’-]*(?:\s+[A-Za-zÀ-ÿ0-9][\w.'’-]*){0,3})\**\s*(?:[[(]([^[\]()\n]{1,40})[\])])?\**\s*:\s+(.*)$/;
const timestampOnly = /^[\d:.,\s]+$/;
// Otter-style header on its own line: "Alice Smith  0:03" or "Alice Smith 00:01:02".
const speakerHeader =
  /^([A-Za-zÀ-ÿ][\w.'’-]*(?:\s+[A-Za-zÀ-ÿ][\w.'’-]*){0,3})\s+(?:\d{1,2}:)?\d{1,2}:\d{2}\s*$/;
const notSpeakers = new Set([
  'note',
  'notes',
  'http',
  'https',
  'ps',
  'p.s',
  're',
  'subject',
  'warning',
  'tip',
]);

function speakerLine(line: string): { speaker: string; text: string } | null {
  const m = speakerPrefix.exec(line);
  if (!m?.[1] || !m[3]?.trim()) return null;
  if (notSpeakers.has(m[1].toLowerCase())) return null;
  // A label names a side ("Sam (Brightside)"); a timestamp in brackets is not part of the name.
  const label = m[2]?.trim();
  const speaker = label && !timestampOnly.test(label) ? `${m[1].trim()} (${label})` : m[1].trim();
  return { speaker, text: m[3].trim() };
}

/**
 * Splits a call transcript into speaker turns. Reads plain text ("Name: words", Otter-style
 * "Name 0:03" headers, optional timestamps), WebVTT (`<v Name>` voice tags, cue timings) and
 * SRT (cue numbers and timings). Lines without a speaker continue the previous turn, and
 * consecutive turns of one speaker are merged.
 */
export function parseTranscript(text: string): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let inNote = false;
  const push = (speaker: string | null, body: string, line: number) => {
    const clean = body
      .replace(/<[^>]{1,80}>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!clean) return;
    const last = turns[turns.length - 1];
    if (last && (speaker === null || speaker === last.speaker)) last.text = `${last.text} ${clean}`;
    else turns.push({ speaker, text: clean, line });
  };
  let pendingSpeaker: string | null = null;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const n = index + 1;
    if (!line) {
      inNote = false;
      continue;
    }
    if (index === 0 && /^WEBVTT\b/.test(line)) continue;
    if (/^(NOTE|STYLE|REGION)\b/.test(line)) {
      inNote = true;
      continue;
    }
    if (inNote || /^\d+$/.test(line) || cueTiming.test(line)) continue;
    const voice = voiceTag.exec(line);
    if (voice?.[1]) {
      push(voice[1].trim(), line.slice(voice[0].length), n);
      continue;
    }
    const header = speakerHeader.exec(line);
    if (header?.[1]) {
      pendingSpeaker = header[1].trim();
      continue;
    }
    const body = line.replace(timestamp, '');
    const said = speakerLine(body);
    if (said) {
      pendingSpeaker = null;
      push(said.speaker, said.text, n);
      continue;
    }
    if (pendingSpeaker) {
      const speaker = pendingSpeaker;
      pendingSpeaker = null;
      const last = turns[turns.length - 1];
      // A new header for the same speaker continues their turn; another speaker starts one.
      if (!last || last.speaker !== speaker) {
        turns.push({ speaker, text: '', line: n });
      }
    }
    push(null, body, n);
  }
  for (const t of turns) t.text = t.text.trim();
  return turns.filter((t) => t.text.length > 0);
}
