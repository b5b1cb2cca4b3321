import type {
  AdminPair,
  Candidate,
  Extraction,
  ExtractRequest,
  ReviewedPair,
  SaveExtractedRequest,
  TranscriptShape,
} from '@clara/contract';
import { maxTranscriptBytes } from '@clara/contract';
import { api } from '../../lib/api';

export type { Candidate, Extraction, ReviewedPair, TranscriptShape };
export { maxTranscriptBytes };

export const extractPairs = (transcript: string) =>
  api<{ extraction: Extraction; transcript?: TranscriptShape; candidates: Candidate[] }>(
    'POST',
    '/admin/transcripts/extract',
    { transcript } satisfies ExtractRequest,
  );

export const saveExtracted = (extraction: SaveExtractedRequest['extraction'], pairs: ReviewedPair[]) =>
  api<{ saved: AdminPair[]; skipped: { index: number; question: string; message: string }[] }>(
    'POST',
    '/admin/transcripts/pairs',
    { extraction, pairs } satisfies SaveExtractedRequest,
  );
