import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { changedText, ImportChanges } from './import-changes';
import { readyText, separatorText } from './import-counts';
import {
  type ImportJob,
  type ImportPreview,
  importStatus,
  previewImport,
  type RowError,
  startImport,
  undoImport,
} from './knowledge-api';
import './import-dialog.css';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function RowErrors({ errors, done = false }: { errors: RowError[]; done?: boolean }) {
  if (errors.length === 0) return null;
  return (
    <div className="row-errors">
      <h3>
        {errors.length} row{errors.length === 1 ? '' : 's'}{' '}
        {done ? (errors.length === 1 ? 'was' : 'were') : 'will'} not
        {done ? ' imported' : ' be imported'}
      </h3>
      <table className="table compact">
        <thead>
          <tr>
            <th>Row</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, 200).map((e) => (
            <tr key={`${e.row}-${e.message}`}>
              <td>{e.row}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > 200 ? <p className="muted small">…and {errors.length - 200} more.</p> : null}
    </div>
  );
}

/** The rows already in the knowledge base as they are: not a problem, said neutrally. */
function UnchangedRows({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <p className="muted" data-testid="import-unchanged">
      {count} row{count === 1 ? ' is' : 's are'} already in the knowledge base, unchanged.
    </p>
  );
}

/** `errors` without the rows the preview found unchanged (`unchanged_rows`), and how many those are. */
function splitUnchanged(errors: RowError[], unchangedRows: number[] | undefined) {
  const unchanged = new Set(unchangedRows ?? []);
  const problems = errors.filter((e) => !unchanged.has(e.row));
  return { problems, unchanged: errors.length - problems.length };
}

/** Upload → preview with per-row errors → import with progress → summary (with undo). */
export function ImportDialog(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  const [csv, setCsv] = useState<File | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // The owner's choice to update the pairs whose answer the file changes (the preview lists them).
  const [update, setUpdate] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the undo did: pairs removed, and those kept because the owner edited them since.
  const [undone, setUndone] = useState<{ deleted: number; kept: number } | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // The question replaces the Undo button: focus its safe answer, so the keyboard is not lost.
  useEffect(() => {
    if (confirmUndo) keep.current?.focus();
  }, [confirmUndo]);

  const reset = () => {
    setCsv(null);
    setPreview(null);
    setUpdate(false);
    setJob(null);
    setError(null);
    setUndone(null);
    setConfirmUndo(false);
    setFileName('');
  };

  async function choose(file: File | undefined) {
    reset();
    if (!file) return;
    setFileName(file.name);
    try {
      // The bytes, not file.text(): that would read a Windows-1252 £ as U+FFFD without a word.
      setCsv(file);
      setPreview(await previewImport(file));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const changed = preview?.changed ?? 0;
  const previewRows = splitUnchanged(preview?.errors ?? [], preview?.unchanged_rows);
  const resultRows = splitUnchanged(job?.result?.errors ?? [], preview?.unchanged_rows);
  const updating = update && changed > 0;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const importLabel = [
    preview?.valid ? `Import ${plural(preview.valid, 'pair')}` : '',
    updating ? `${preview?.valid ? 'update' : 'Update'} ${plural(changed, 'pair')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');

  async function run() {
    if (!csv) return;
    setError(null);
    try {
      let { job: current } = await startImport(csv, updating);
      setJob(current);
      while (current.status === 'running') {
        await sleep(300);
        current = (await importStatus(current.id)).job;
        setJob(current);
      }
      if (current.status === 'done') props.onImported();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function undo() {
    const batch = job?.result?.batch_id;
    if (!batch) return;
    try {
      const result = await undoImport(batch);
      setUndone({ deleted: result.deleted, kept: result.kept_edited });
      setConfirmUndo(false);
      props.onImported();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const imported = job?.result?.imported ?? 0;
  const pairsText = `${imported} pair${imported === 1 ? '' : 's'}`;

  // Embedding is the first 60% of the bar, saving the rest.
  const percent =
    job && job.total > 0
      ? Math.round(((job.done * 0.6 + job.saved * 0.4) / job.total) * 100)
      : job?.status === 'done'
        ? 100
        : 0;
  return (
    <Dialog
      title="Import Q&A pairs from CSV"
      open={props.open}
      wide
      onClose={() => {
        reset();
        props.onClose();
      }}
    >
      <div className="form">
        {!job ? (
          <>
            <p className="muted">
              A CSV with the header <code>question,answer,category</code> (category optional). Duplicates
              within the file or of existing questions are reported, not added; a row that changes the answer
              of an existing question can update it.
            </p>
            <label className="file-drop">
              <input type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
              <span>{fileName || 'Choose a CSV file…'}</span>
            </label>
          </>
        ) : null}
        {preview && !job ? (
          <>
            <Notice kind={previewRows.problems.length || changed ? 'warning' : 'success'}>
              {readyText(preview)}
              {changed ? ` ${changedText(changed)}.` : ''}
              {separatorText(preview) ? ` ${separatorText(preview)}` : ''}
            </Notice>
            <ImportChanges
              changed={changed}
              changes={preview.changes ?? []}
              update={update}
              onUpdate={setUpdate}
            />
            <UnchangedRows count={previewRows.unchanged} />
            <RowErrors errors={previewRows.problems} />
            <div className="form-actions">
              <button type="button" className="primary" disabled={!importLabel} onClick={() => void run()}>
                {importLabel || 'Import 0 pairs'}
              </button>
            </div>
          </>
        ) : null}
        {job ? (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="progress-bar" style={{ width: `${percent}%` }} />
            </div>
            <p className="muted small">
              {job.status === 'running'
                ? job.phase === 'saving'
                  ? `Saving ${job.saved} of ${job.total}…`
                  : `Embedding ${job.done} of ${job.total}…`
                : job.status === 'done'
                  ? 'Done.'
                  : 'Failed.'}
            </p>
            {job.result ? (
              <>
                {undone === null ? (
                  <Notice kind="success">
                    Imported {job.result.imported} pair{job.result.imported === 1 ? '' : 's'}
                    {job.result.inactive > 0 ? ` (${job.result.inactive} inactive)` : ''}
                    {job.result.updated > 0
                      ? `; updated ${plural(job.result.updated, 'pair')} (undoing this import does not change ${job.result.updated === 1 ? 'it' : 'them'} back)`
                      : ''}
                    ; {job.result.skipped} row
                    {job.result.skipped === 1 ? '' : 's'} skipped.
                  </Notice>
                ) : null}
                {undone === null ? <UnchangedRows count={resultRows.unchanged} /> : null}
                {undone === null ? <RowErrors errors={resultRows.problems} done /> : null}
                {confirmUndo && undone === null ? (
                  // Undo deletes the import's pairs except those edited since: ask first, with the count.
                  <fieldset className="undo-confirm">
                    <legend>Undo this import?</legend>
                    <p>
                      Remove the {pairsText} this import added from the knowledge base? Pairs you have edited
                      since are kept
                      {job.result.updated > 0 ? ', and the pairs it updated keep their new answers' : ''}.
                    </p>
                    <div className="form-actions">
                      <button ref={keep} type="button" onClick={() => setConfirmUndo(false)}>
                        Keep them
                      </button>
                      <button type="button" className="warning" onClick={() => void undo()}>
                        Remove {pairsText}
                      </button>
                    </div>
                  </fieldset>
                ) : (
                  <div className="form-actions">
                    {undone === null ? (
                      <button
                        type="button"
                        className="ghost"
                        onClick={() => setConfirmUndo(true)}
                        disabled={imported === 0}
                      >
                        Undo this import
                      </button>
                    ) : (
                      <span className="muted" role="status">
                        Import undone: {undone.deleted} pair{undone.deleted === 1 ? '' : 's'} removed
                        {undone.kept > 0
                          ? `; ${undone.kept} you had edited since ${undone.kept === 1 ? 'was' : 'were'} kept`
                          : ''}
                        {job.result.updated > 0
                          ? `; the ${plural(job.result.updated, 'pair')} it updated ${job.result.updated === 1 ? 'keeps its' : 'keep their'} new answer${job.result.updated === 1 ? '' : 's'}`
                          : ''}
                        .
                      </span>
                    )}
                    <button type="button" className="primary" onClick={reset}>
                      Import another file
                    </button>
                  </div>
                )}
              </>
            ) : null}
            {job.error ? <Notice kind="error">{job.error}</Notice> : null}
          </>
        ) : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
      </div>
    </Dialog>
  );
}
