import { api } from '../../lib/api';
import type { AdminPair } from './knowledge-api';

/** How the proposals were made. */
export interface Extraction {
  id: string;
  method: 'llm' | 'heuristic';
  model: string | null;
  /** Why the model was not used: no_key, key_unreadable, bad_output or the provider failure. */
  fallback_reason: string | null;
  overlap_threshold: number;
}

/** A proposed pair, with the existing pair it overlaps (above 0.85), if any. */
export interface Candidate {
  question: string;
  answer: string;
  category: string;
  asked_by: string | null;
  answered_by: string | null;
  line: number | null;
  covered_by: { id: string; question: string; answer: string; similarity: number } | null;
}

/** The largest transcript the server accepts. */
export const maxTranscriptBytes = 100 * 1024;

/** What the transcript was read as: speaker turns, distinct speakers, turns without a speaker. */
export interface TranscriptShape {
  turns: number;
  speakers: number;
  unattributed: number;
}

export const extractPairs = (transcript: string) =>
  api<{ extraction: Extraction; transcript?: TranscriptShape; candidates: Candidate[] }>(
    'POST',
    '/admin/transcripts/extract',
    {
      transcript,
    },
  );

/** A reviewed candidate to save. */
export interface ReviewedPair {
  question: string;
  answer: string;
  category: string;
  asked_by: string | null;
  answered_by: string | null;
  line: number | null;
  edited: boolean;
  overlap_qa_id: string | null;
  overlap_similarity: number | null;
}

export const saveExtracted = (
  extraction: Pick<Extraction, 'id' | 'method' | 'model'> & { transcript_name: string | null },
  pairs: ReviewedPair[],
) =>
  api<{ saved: AdminPair[]; skipped: { index: number; question: string; message: string }[] }>(
    'POST',
    '/admin/transcripts/pairs',
    { extraction, pairs },
  );
