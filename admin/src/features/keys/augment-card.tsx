import { useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { qaPairsText } from '../knowledge/pair-counts';
import { type AugmentationStatus, getAugmentation, setAugmentQuestions } from './model-features-api';

function costText(a: AugmentationStatus): string {
  const e = a.estimate;
  if (!e || !a.model) return '';
  if (e.pairs === 0)
    return 'No pair is waiting for phrasings now: only pairs you add later will cost anything.';
  const usd =
    e.usd === null
      ? `no list price is known for ${a.model.model}`
      : e.usd < 0.01
        ? `less than $0.01 at ${a.model.model}’s list price`
        : `about $${e.usd.toFixed(2)} at ${a.model.model}’s list price`;
  const tokens = (e.input_tokens + e.output_tokens).toLocaleString('en-US');
  return `Estimated cost now: ${qaPairsText(e.pairs)} without alternative phrasings yet, ${e.calls} model call${e.calls === 1 ? '' : 's'}, about ${tokens} tokens: ${usd}.`;
}

/** The "Alternative phrasings with your model" toggle (`augment_questions`), with its cost shown first. */
export function AugmentCard() {
  const { data, error, setData } = useLoad(getAugmentation, 'keys:augmentation');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function toggle(on: boolean) {
    if (!data) return;
    setBusy(true);
    setFailure(null);
    setData({ ...data, enabled: on });
    try {
      await setAugmentQuestions(on);
    } catch (err) {
      setData(data);
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const noKey = data !== null && data.model === null;
  return (
    <section className="card" aria-labelledby="augment-title">
      <h2 id="augment-title">Alternative phrasings</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {data ? (
        <>
          <label className="check-row">
            <input
              type="checkbox"
              name="augment_questions"
              checked={data.enabled}
              disabled={busy || noKey}
              aria-describedby="augment-help augment-cost"
              onChange={(e) => void toggle(e.target.checked)}
            />
            Alternative phrasings with your model
          </label>
          <p id="augment-help" className="muted small">
            {noKey
              ? 'Needs a default OpenAI or Anthropic key: add one above to turn this on.'
              : `${data.model?.model} writes up to five other ways to ask each new pair’s question, stored as phrasings of the pair (shown and removable on it) so more visitors’ wordings find it. One model call per pair, counted against your daily limit.`}
          </p>
          <p id="augment-cost" className="small" data-testid="augment-cost">
            {data.enabled && !noKey ? 'On: new pairs get phrasings in the background.' : costText(data)}
          </p>
        </>
      ) : null}
    </section>
  );
}
