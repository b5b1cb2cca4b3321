/** The largest transcript `POST /api/admin/transcripts/extract` accepts (bytes). */
export const maxTranscriptBytes = 100 * 1024;

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

/** What the transcript was read as: speaker turns, distinct speakers, turns without a speaker. */
export interface TranscriptShape {
  turns: number;
  speakers: number;
  unattributed: number;
}

/** A reviewed candidate to save (`POST /api/admin/transcripts/pairs`). */
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

/** `POST /api/admin/transcripts/extract` (`method: 'heuristic'` skips the model even with a key). */
export interface ExtractRequest {
  transcript: string;
  method?: 'auto' | 'heuristic';
}

/** `POST /api/admin/transcripts/pairs`: the reviewed proposals and how they were made. */
export interface SaveExtractedRequest {
  extraction: Pick<Extraction, 'id' | 'method' | 'model'> & { transcript_name: string | null };
  pairs: ReviewedPair[];
}
