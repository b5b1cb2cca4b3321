import { pairFormSchema } from '@clara/contract';
import { useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { CandidateCard, type Draft } from './candidate-card';
import './transcript.css';
import {
  type Extraction,
  extractPairs,
  maxTranscriptBytes,
  saveExtracted,
  type TranscriptShape,
} from './transcripts-api';

/** Why nothing was found, from what the transcript was read as. */
function emptyHint(shape: TranscriptShape | null): string {
  const format =
    'Start each line with the speaker’s name and a colon, like “Sam (Brightside): We open at nine.”';
  if (!shape || shape.turns === 0) return `Clara found no text to read. ${format}`;
  if (shape.speakers === 0)
    return `Clara could not tell who is speaking, so questions cannot be told from answers. ${format}`;
  if (shape.speakers === 1)
    return `Clara found only one speaker, so no question has an answer from someone else. ${format}`;
  return `Clara read ${shape.turns} turns by ${shape.speakers} speakers but found no question followed by another speaker’s answer.`;
}

const fallbackText: Record<string, string> = {
  no_key: 'No API key is set, so Clara paired questions with the next speaker’s answer.',
  key_unreadable: 'The API key could not be read, so Clara paired questions with the next speaker’s answer.',
  bad_output: 'The model’s answer was unusable, so Clara paired questions with the next speaker’s answer.',
  circuit_open:
    'Your API key’s model failed on recent requests, so Clara is not asking it for a few minutes and paired questions with the next speaker’s answer. Check the key on the API keys page.',
};

/** "From a call transcript": paste or upload, review Clara's proposals, edit, select and save. */
export function TranscriptDialog(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [extraction, setExtraction] = useState<Extraction | null>(null);
  const [shape, setShape] = useState<TranscriptShape | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const size = new TextEncoder().encode(text).length;
  const kept = drafts.filter((d) => d.keep);

  const reset = () => {
    setText('');
    setFileName(null);
    setExtraction(null);
    setDrafts([]);
    setError(null);
    setDone(null);
  };
  const close = () => {
    reset();
    props.onClose();
  };

  async function propose() {
    setBusy(true);
    setError(null);
    try {
      const res = await extractPairs(text);
      setExtraction(res.extraction);
      setShape(res.transcript ?? null);
      setDrafts(
        res.candidates.map((c, i) => ({
          id: `${res.extraction.id}-${i}`,
          candidate: c,
          question: c.question,
          answer: c.answer,
          category: c.category,
          keep: !c.covered_by,
        })),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!extraction) return;
    const pairs = [];
    for (const d of kept) {
      const parsed = pairFormSchema.safeParse({
        question: d.question,
        answer: d.answer,
        category: d.category,
      });
      if (!parsed.success) {
        setError(`“${d.question || 'A pair'}”: ${parsed.error.issues[0]?.message ?? 'check it.'}`);
        return;
      }
      const c = d.candidate;
      pairs.push({
        ...parsed.data,
        asked_by: c.asked_by,
        answered_by: c.answered_by,
        line: c.line,
        edited: parsed.data.question !== c.question || parsed.data.answer !== c.answer,
        overlap_qa_id: c.covered_by?.id ?? null,
        overlap_similarity: c.covered_by?.similarity ?? null,
      });
    }
    setBusy(true);
    setError(null);
    try {
      const res = await saveExtracted({ ...extraction, transcript_name: fileName }, pairs);
      const n = res.saved.length;
      setDone(
        `Saved ${n} pair${n === 1 ? '' : 's'}.` +
          (res.skipped.length ? ` Skipped ${res.skipped.length} already in the knowledge base.` : ''),
      );
      setDrafts([]);
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="From a call transcript" open={props.open} onClose={close} wide>
      <div className="form">
        {done ? (
          <>
            <Notice kind="success">{done}</Notice>
            <div className="form-actions">
              <button type="button" className="ghost" onClick={reset}>
                Another transcript
              </button>
              <button type="button" className="primary" onClick={close}>
                Done
              </button>
            </div>
          </>
        ) : extraction ? (
          <>
            <p className="muted small">
              {extraction.method === 'llm'
                ? `Proposed by ${extraction.model}.`
                : (fallbackText[extraction.fallback_reason ?? ''] ??
                  (extraction.fallback_reason
                    ? `The model failed (${extraction.fallback_reason}), so Clara paired questions with the next speaker’s answer.`
                    : 'Clara paired questions with the next speaker’s answer.'))}{' '}
              Pairs already covered by the knowledge base are unticked.
            </p>
            {drafts.length === 0 ? (
              <Notice kind="info">
                No questions and answers were found in this transcript. {emptyHint(shape)}
              </Notice>
            ) : null}
            <div className="candidates">
              {drafts.map((d, i) => (
                <CandidateCard
                  key={d.id}
                  draft={d}
                  onChange={(next) => setDrafts(drafts.map((x, j) => (j === i ? next : x)))}
                />
              ))}
            </div>
            {error ? <Notice kind="error">{error}</Notice> : null}
            <div className="form-actions">
              <button type="button" className="ghost" onClick={() => setExtraction(null)}>
                Back
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy || kept.length === 0}
                onClick={() => void save()}
              >
                {busy ? 'Saving…' : `Save ${kept.length} pair${kept.length === 1 ? '' : 's'}`}
              </button>
            </div>
          </>
        ) : (
          <>
            <label>
              Transcript (plain text, WebVTT or SRT; “Name: words” lines)
              <textarea
                className="transcript-input"
                aria-label="Transcript"
                rows={14}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={
                  'Dana: Do you offer a discount for teams?\nSam: Yes, teams over 25 seats get 15% off.'
                }
              />
            </label>
            <div className="card-head">
              <label className="ghost small button">
                Upload a file
                <input
                  type="file"
                  hidden
                  accept=".txt,.vtt,.srt,text/plain,text/vtt"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    setFileName(file.name);
                    void file.text().then(setText);
                  }}
                />
              </label>
              <span className={size > maxTranscriptBytes ? 'small' : 'muted small'}>
                {fileName ? `${fileName} · ` : ''}
                {Math.ceil(size / 1024)} KB of 100 KB
              </span>
            </div>
            {error ? <Notice kind="error">{error}</Notice> : null}
            <div className="form-actions">
              <button type="button" className="ghost" onClick={close}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy || !text.trim() || size > maxTranscriptBytes}
                onClick={() => void propose()}
              >
                {busy ? 'Reading the transcript…' : 'Propose Q&A pairs'}
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
