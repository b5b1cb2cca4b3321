import { Notice } from '../../components/page-header';
import { useLoad } from '../../lib/use-load';
import { failureText } from './failure-text';
import { embedderName, getEmbeddings } from './model-features-api';

/**
 * Which embedder search uses, and while the workspace switches to OpenAI's, "Re-embedding: N of M
 * pairs" with a progress bar, polled until done (answers come from the built-in vectors till then).
 */
export function EmbeddingsCard() {
  const { data, error } = useLoad(getEmbeddings, 'keys:embeddings', {
    // Polled while switching; slower while the server backs off after failures.
    refetchInterval: (d) => (d?.openai && !d.openai.complete ? (d.openai.paused ? 10_000 : 2000) : false),
  });
  const openai = data?.openai ?? null;
  const paused = openai?.complete ? undefined : openai?.paused;
  const switching = openai !== null && !openai.complete && !paused;
  return (
    <section className="card" aria-labelledby="embeddings-title">
      <h2 id="embeddings-title">Embeddings</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data ? (
        <p data-testid="embeddings-searched-with">
          Questions are matched with <strong>{embedderName(data.searched_with)}</strong>.
        </p>
      ) : null}
      {switching ? (
        <>
          <p>
            Re-embedding: {openai.embedded} of {openai.total} pairs
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-label="Re-embedding with OpenAI text-embedding-3-small"
            aria-valuemin={0}
            aria-valuemax={openai.total}
            aria-valuenow={openai.embedded}
            aria-valuetext={`${openai.embedded} of ${openai.total} pairs`}
          >
            <div
              className="progress-bar"
              style={{ width: `${openai.total ? (100 * openai.embedded) / openai.total : 0}%` }}
            />
          </div>
          <p className="muted small">
            With an OpenAI key, Clara is moving your pairs to OpenAI text-embedding-3-small. Until every pair
            has its new vector, Clara keeps answering from the built-in vectors (never a mix of both).
          </p>
        </>
      ) : null}
      {openai && paused ? (
        <Notice kind="error">
          <span data-testid="embeddings-paused">
            Re-embedding paused: {failureText('openai', paused)}. {openai.embedded} of {openai.total} pairs
            are done; Clara tries again at {new Date(paused.retry_at).toLocaleTimeString()} (the wait doubles
            after each failure, up to 10 minutes) and at once when you change the key. Answers come from the
            built-in vectors meanwhile.
          </span>
        </Notice>
      ) : null}
      {data && openai === null ? (
        <p className="muted small">
          Runs on this server, no key needed. With an OpenAI key as your default, Clara re-embeds your pairs
          with OpenAI text-embedding-3-small and matches with it once they are all done.
        </p>
      ) : null}
      {openai?.complete ? (
        <p className="muted small">
          All {openai.total} pairs are embedded with your OpenAI key; new and edited pairs follow in the
          background.
        </p>
      ) : null}
    </section>
  );
}
