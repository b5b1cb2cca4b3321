import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Notice, PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { rowLabel } from '../../lib/row-label';
import { useLoad } from '../../lib/use-load';
import { AugmentCard } from './augment-card';
import { EmbeddingsCard } from './embeddings-card';
import { failureText } from './failure-text';
import { KeyDialog } from './key-dialog';
import { type ApiKey, deleteKey, type KeyTestResult, keyAction, listKeys, testKey } from './keys-api';

function describeTest(key: ApiKey, r: KeyTestResult): { kind: 'success' | 'error'; text: string } {
  const name = key.label ?? `••••${key.key_last4}`;
  if (r.ok) return { kind: 'success', text: `${name} works: ${r.model} answered in ${r.latency_ms} ms.` };
  return { kind: 'error', text: `${name} failed: ${failureText(r.provider, r)}.` };
}

/**
 * The owner's LLM API keys: table, add dialog, default, on/off, test and delete; then what the
 * default key changes: the embedder, and alternative phrasings written by the model.
 */
export function KeysPage() {
  const { data, error, reload: reloadKeys } = useLoad(listKeys, 'keys');
  const client = useQueryClient();
  // A key change can switch the embedder and the model that writes phrasings: refresh both.
  const reload = () => {
    reloadKeys();
    void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('keys:') });
  };
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The last Test of each key on this page (a new key is tested as soon as it is saved); before
  // one, the last test the server kept with the key, so a failed key stays marked after a reload.
  const [works, setWorks] = useState<Record<string, boolean>>({});
  const test = async (k: ApiKey) => {
    const { result } = await testKey(k.id);
    setWorks((w) => ({ ...w, [k.id]: result.ok }));
    return result;
  };
  const keys = data?.keys ?? [];
  const modelName = (m: string) => data?.models.find((c) => c.model === m)?.name ?? m;

  const act = async (id: string, work: () => Promise<{ kind: 'success' | 'error'; text: string }>) => {
    setBusy(id);
    try {
      setNotice(await work());
      reload();
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };
  const ok = (text: string) => ({ kind: 'success' as const, text });

  return (
    <>
      <PageHeader
        title="API keys"
        description="Bring your own OpenAI or Anthropic key and Clara writes answers in your tone of voice."
        actions={
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add key
          </button>
        }
      />
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {data && keys.length === 0 ? (
        <EmptyState
          title="No API key yet"
          action={
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              Add your first key
            </button>
          }
        >
          Clara works without a key, answering with your curated answers. Add a key to let it write answers in
          your tone of voice.
        </EmptyState>
      ) : null}
      {keys.length > 0 ? (
        <div className="card flush">
          <table className="table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Provider</th>
                <th>Model</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => {
                const name = `${k.label ?? 'Unnamed key'} ••••${k.key_last4}`;
                return (
                  <tr key={k.id} className={k.is_active ? '' : 'inactive'}>
                    <td>
                      <div className="q">{k.label ?? 'Unnamed key'}</div>
                      <code data-testid="key-last4">••••{k.key_last4}</code>
                    </td>
                    <td>{k.provider === 'openai' ? 'OpenAI' : 'Anthropic'}</td>
                    <td>{modelName(k.model)}</td>
                    <td>
                      {k.is_default ? <span className="badge ok">Default</span> : null}{' '}
                      {k.is_active ? null : <span className="badge off">Inactive</span>}{' '}
                      {(works[k.id] ?? k.last_test?.ok) === false ? (
                        <span className="badge warn" data-testid="key-not-working">
                          Not working
                        </span>
                      ) : null}
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="ghost small"
                        disabled={busy === k.id}
                        aria-label={rowLabel(busy === k.id ? 'Working…' : 'Test', name)}
                        onClick={() => void act(k.id, async () => describeTest(k, await test(k)))}
                      >
                        {busy === k.id ? 'Working…' : 'Test'}
                      </button>
                      {k.is_active && !k.is_default ? (
                        <button
                          type="button"
                          className="ghost small"
                          aria-label={rowLabel('Make default', name)}
                          onClick={() =>
                            void act(k.id, async () => {
                              await keyAction(k.id, 'default');
                              return ok('Default key changed.');
                            })
                          }
                        >
                          Make default
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="ghost small"
                        aria-label={rowLabel(k.is_active ? 'Deactivate' : 'Activate', name)}
                        onClick={() =>
                          void act(k.id, async () => {
                            await keyAction(k.id, k.is_active ? 'deactivate' : 'activate');
                            return ok(k.is_active ? 'Key deactivated.' : 'Key activated.');
                          })
                        }
                      >
                        {k.is_active ? 'Deactivate' : 'Activate'}
                      </button>
                      <button
                        type="button"
                        className="ghost small"
                        aria-label={rowLabel('Delete', name)}
                        onClick={() => {
                          if (window.confirm(`Delete the key ••••${k.key_last4}? This cannot be undone.`))
                            void act(k.id, async () => {
                              await deleteKey(k.id);
                              return ok('Key deleted.');
                            });
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? (
        <>
          <EmbeddingsCard />
          <AugmentCard />
        </>
      ) : null}
      <KeyDialog
        open={adding}
        models={data?.models ?? []}
        hasDefault={keys.some((k) => k.is_default)}
        onClose={() => setAdding(false)}
        onSaved={(key) => {
          setAdding(false);
          const saved = `Key ••••${key.key_last4} saved${key.is_default ? ' as the default' : ''}`;
          setNotice({ kind: 'success', text: `${saved}; testing it…` });
          reload();
          // Tested at once: a key that does not work is kept (a network fault passes) but said so plainly.
          void act(key.id, async () => {
            const r = await test(key);
            if (r.ok)
              return ok(
                `${saved}: it works (${r.model} answered in ${r.latency_ms} ms)${key.is_default ? ' and writes the chat’s answers from now on' : ''}.`,
              );
            return {
              kind: 'error',
              text: `${saved}, but it does not work: ${failureText(r.provider, r)}. Until it does, the chat answers with your curated answers and no model. Test it again once fixed, or delete it.`,
            };
          });
        }}
      />
    </>
  );
}
