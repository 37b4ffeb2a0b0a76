// "Your record in the server's log": the signed checkpoint this device kept for the account (the
// newest that an acceptance, a decline or a withdrawal sent from here was answered with), a check against the
// head the server publishes now, and the file to check the whole exported log with the CLI.
import { useState } from 'react';
import { checkRecord, keptCheckpoint, type RecordCheck as Check } from './checkpoints';

// One JSON object on one line: `verify-log --expect-head` reads a file of them, a line each.
const downloadJson = (name: string, value: unknown) => {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC';

export function RecordCheck({ accountId }: { accountId: string }) {
  const kept = keptCheckpoint(accountId);
  const [check, setCheck] = useState<Check | null>(null);
  const [checking, setChecking] = useState(false);
  return (
    <section aria-labelledby="record-check-title" className="record-check">
      <h2 id="record-check-title">Your record in the server&apos;s log</h2>
      {kept ? (
        <>
          <p data-testid="kept-checkpoint">
            This device keeps the server&apos;s signed promise that its log had {kept.checkpoint.count}{' '}
            {kept.checkpoint.count === 1 ? 'entry' : 'entries'} on {when(kept.checkpoint.at)}, your entry{' '}
            {kept.seq} among them. If entries were later deleted from the log or replaced, it no longer
            matches.
          </p>
          <div className="row">
            <button
              type="button"
              disabled={checking}
              onClick={() => {
                setChecking(true);
                void checkRecord(accountId)
                  .then(setCheck)
                  .finally(() => setChecking(false));
              }}
            >
              Check my record
            </button>
            <button
              type="button"
              onClick={() => downloadJson(`checkpoint-${kept.checkpoint.count}.json`, kept)}
            >
              Download my checkpoint
            </button>
          </div>
          <p className="hint">
            To check the whole log against it, with the log export and the server&apos;s keys:{' '}
            <code>
              npx react-clickwrap verify-log log.jsonl --keys jwks.json --expect-head checkpoint-
              {kept.checkpoint.count}.json
            </code>
          </p>
          {check?.state === 'ok' ? (
            <p role="status" data-testid="record-ok">
              Checked: the checkpoint is signed by the server&apos;s key &quot;{check.kid}&quot;, and its log
              now has {check.published.count} {check.published.count === 1 ? 'entry' : 'entries'}, consistent
              with it.
            </p>
          ) : check?.state === 'broken' ? (
            <p role="alert" data-testid="record-broken">
              Your record does not check out. {check.reason}
            </p>
          ) : check?.state === 'unavailable' ? (
            <p role="status">Not checked: {check.reason}</p>
          ) : null}
        </>
      ) : (
        <p data-testid="kept-checkpoint">
          No checkpoint is kept on this device yet: one comes with each acceptance, decline or withdrawal sent
          from here.
        </p>
      )}
    </section>
  );
}
