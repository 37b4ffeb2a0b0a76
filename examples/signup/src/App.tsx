// The signup example: create an account (or sign in), agree to the Instadesk Terms and
// Conditions and the privacy policy (a second document, in its own scroll region, gated by the
// same Accept) with react-clickwrap's components, answer an optional marketing consent, and
// deliver the consent receipt to the server through an outbox that survives downtime.
//
// Screens: home → signup form → the agreement (ClickwrapPage) → welcome | declined;
// home → sign in → up to date | "the terms changed" → the agreement again (ClickwrapModal);
// welcome → "Your consents" (ConsentSettings: what was agreed, copies, withdrawal).
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  ClickwrapModal,
  ClickwrapPage,
  ConsentSettings,
  type ClickwrapAcknowledgement,
  type ClickwrapDocumentConfig,
  type ClickwrapOptionalConsent,
  type DeclineRecord,
} from 'react-clickwrap';
import { parseAgreement, receiptDocuments, type Agreement, type ConsentReceipt } from 'react-clickwrap/core';
import {
  AGREEMENT_ID,
  api,
  ApiError,
  CLICKWRAP_BASE,
  PRIVACY_POLICY_ID,
  type Account,
  type ConsentStatus,
  type Offers,
  type ServedAgreement,
  type StoredReceipt,
} from './api';
import { keepCheckpoint } from './checkpoints';
import { QueuedError, type ConsentOutbox } from './outbox';
import { RecordCheck } from './RecordCheck';

type Screen =
  | { name: 'home' }
  | { name: 'signup' }
  | { name: 'signin' }
  /** A new account agrees (or one that never accepted): the page layout. */
  | { name: 'agree'; account: Account; birthDate: string | null }
  /** A returning account accepted an older version: what changed, then the modal. */
  | { name: 'reconsent'; account: Account; status: ConsentStatus; acceptedAsMinor: boolean | null }
  | { name: 'welcome'; account: Account; consent: StoredReceipt | null; upToDate: boolean }
  | { name: 'consents'; account: Account }
  | { name: 'declined'; account: Account };

const toAgreement = (served: ServedAgreement): Agreement =>
  parseAgreement({
    id: served.id,
    version: served.version,
    markdown: served.markdown,
    title: served.title,
    effectiveDate: served.effectiveDate ?? undefined,
    language: 'en',
  });

const NO_DOCUMENTS: readonly ClickwrapDocumentConfig[] = [];
const NO_OPTIONAL_CONSENTS: readonly ClickwrapOptionalConsent[] = [];

/** How the welcome screen names a document. */
const DOCUMENT_NAMES: Record<string, string> = {
  'instadesk-terms': 'the Terms',
  [PRIVACY_POLICY_ID]: 'the privacy policy',
};
/** What each optional consent means, for the welcome screen. */
const OPTION_NAMES: Record<string, string> = {
  'marketing-email': 'receive Instadesk product news by e-mail',
};

const formatDate = (iso: string | null) =>
  iso
    ? new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
    : 'an earlier date';

export function App({ outbox }: { outbox: ConsentOutbox }) {
  const [screen, setScreen] = useState<Screen>({ name: 'home' });

  // A receipt the outbox delivers later (the server was down) completes the signup it belongs to.
  useEffect(
    () =>
      outbox.subscribe((event) => {
        if (event.type !== 'delivered') return;
        setScreen((s) =>
          (s.name === 'agree' || s.name === 'reconsent') && s.account.id === event.consent.subject
            ? { name: 'welcome', account: s.account, consent: event.consent, upToDate: false }
            : s,
        );
      }),
    [outbox],
  );

  /** Where an account goes after signing in: up to date, re-consent, or the agreement. */
  const route = useCallback(async (account: Account) => {
    const [status, session] = await Promise.all([api.consentStatus(), api.session()]);
    const terms = status.documents[AGREEMENT_ID];
    if (terms?.accepted) setScreen({ name: 'welcome', account, consent: null, upToDate: true });
    else if (terms?.acceptedVersion)
      setScreen({ name: 'reconsent', account, status, acceptedAsMinor: session.acceptedAsMinor });
    else setScreen({ name: 'agree', account, birthDate: null });
  }, []);
  const signOut = useCallback(() => {
    void api.signOut().finally(() => setScreen({ name: 'home' }));
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            setScreen({ name: 'home' });
          }}
        >
          Instadesk
        </a>
        <OutboxStatus outbox={outbox} />
      </header>
      <main className="app-main">
        {screen.name === 'home' ? (
          <Home
            onSignUp={() => setScreen({ name: 'signup' })}
            onSignIn={() => setScreen({ name: 'signin' })}
          />
        ) : screen.name === 'signup' ? (
          <SignupForm
            onCreated={(account, birthDate) => setScreen({ name: 'agree', account, birthDate })}
            onSignIn={() => setScreen({ name: 'signin' })}
          />
        ) : screen.name === 'signin' ? (
          <SignInForm onSignedIn={route} />
        ) : screen.name === 'agree' ? (
          <AgreementStep
            key={screen.account.id}
            account={screen.account}
            birthDate={screen.birthDate}
            outbox={outbox}
            onAccepted={(consent) =>
              setScreen({ name: 'welcome', account: screen.account, consent, upToDate: false })
            }
            onDeclined={() => setScreen({ name: 'declined', account: screen.account })}
          />
        ) : screen.name === 'reconsent' ? (
          <ReconsentStep
            key={screen.account.id}
            account={screen.account}
            status={screen.status}
            acceptedAsMinor={screen.acceptedAsMinor}
            outbox={outbox}
            onAccepted={(consent) =>
              setScreen({ name: 'welcome', account: screen.account, consent, upToDate: false })
            }
            onDeclined={() => setScreen({ name: 'declined', account: screen.account })}
          />
        ) : screen.name === 'welcome' ? (
          <Welcome
            {...screen}
            onConsents={() => setScreen({ name: 'consents', account: screen.account })}
            onSignOut={signOut}
          />
        ) : screen.name === 'consents' ? (
          <ConsentsScreen
            account={screen.account}
            outbox={outbox}
            onBack={() => void route(screen.account)}
            onSignOut={signOut}
          />
        ) : (
          <Declined
            account={screen.account}
            onReview={() => void route(screen.account)}
            onSignOut={signOut}
          />
        )}
      </main>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Home, signup and sign-in
// ---------------------------------------------------------------------------------------------

function Home({ onSignUp, onSignIn }: { onSignUp: () => void; onSignIn: () => void }) {
  return (
    <section className="card">
      <h1>Welcome to Instadesk</h1>
      <p>Customer service software for teams of every size.</p>
      <div className="row">
        <button type="button" className="primary" onClick={onSignUp}>
          Create an account
        </button>
        <button type="button" onClick={onSignIn}>
          Sign in
        </button>
      </div>
    </section>
  );
}

function FormError({ error }: { error: string | null }) {
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}

function SignupForm({
  onCreated,
  onSignIn,
}: {
  onCreated: (account: Account, birthDate: string) => void;
  onSignIn: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const account = await api.createAccount({
        name: String(form.get('name')),
        email: String(form.get('email')),
        kind: form.get('organization') ? 'organization' : 'person',
      });
      // The date of birth stays in the browser: it feeds the age gate, and the receipt keeps only
      // an age bracket.
      onCreated(account, String(form.get('birthDate')));
    } catch (e) {
      setError(
        e instanceof ApiError && e.body.problems
          ? e.body.problems.map((p) => p.message).join(' ')
          : String((e as Error).message),
      );
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h1>Create your account</h1>
      <form onSubmit={submit} className="form">
        <label>
          Full name
          <input name="name" autoComplete="name" required />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Date of birth
          <input name="birthDate" type="date" required max={new Date().toISOString().slice(0, 10)} />
        </label>
        <label className="check">
          <input name="organization" type="checkbox" />I am signing up an organisation, as its administrator,
          to use the call-center function
        </label>
        <FormError error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Continue
          </button>
          <button type="button" onClick={onSignIn}>
            I already have an account
          </button>
        </div>
      </form>
    </section>
  );
}

function SignInForm({ onSignedIn }: { onSignedIn: (account: Account) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      await onSignedIn(await api.signIn(String(new FormData(event.currentTarget).get('email'))));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="card">
      <h1>Sign in</h1>
      <p className="hint">A demo: an email is enough.</p>
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <FormError error={error} />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Agreeing
// ---------------------------------------------------------------------------------------------

/** The current Terms and privacy policy from the server, parsed. */
function useCurrentAgreement() {
  const [served, setServed] = useState<{
    terms: ServedAgreement;
    privacy: ServedAgreement;
    offers: Offers;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api.currentAgreement(), api.currentAgreement(PRIVACY_POLICY_ID), api.offers()]).then(
      ([terms, privacy, offers]) => live && setServed({ terms, privacy, offers }),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);
  const agreement = useMemo(() => (served ? toAgreement(served.terms) : null), [served]);
  const privacyPolicy = useMemo(() => (served ? toAgreement(served.privacy) : null), [served]);
  return { offers: served?.offers ?? null, agreement, privacyPolicy, error };
}

interface StepProps {
  account: Account;
  outbox: ConsentOutbox;
  onAccepted: (consent: StoredReceipt) => void;
  onDeclined: () => void;
}

/** What both layouts share: the signer, the options for this account, delivery and decline. */
function useConsentProps({ account, outbox, onAccepted, onDeclined }: StepProps, offers: Offers | null) {
  const [notice, setNotice] = useState<string | null>(null);
  const signer = useMemo(() => ({ id: account.id, name: account.name }), [account]);
  // An organisation's administrator agrees for it and gives the six commitments of III 2.4.
  const acknowledgements = useMemo<ClickwrapAcknowledgement[]>(
    () => (account.kind === 'organization' ? (offers?.acknowledgements.callCenter ?? []) : []),
    [account.kind, offers],
  );
  const onAccept = useCallback(
    async (receipt: ConsentReceipt) => {
      setNotice(null);
      try {
        onAccepted(await outbox.deliver(receipt));
      } catch (error) {
        if (error instanceof QueuedError) setNotice(error.message);
        else if (error instanceof ApiError) {
          setNotice(
            `The server refused the receipt: ${error.body.problems?.map((p) => p.message).join(' ') ?? error.message}`,
          );
        }
        throw error; // the component shows "could not be sent" and offers Retry (same receipt)
      }
    },
    [outbox, onAccepted],
  );
  const onDecline = useCallback(
    (record: DeclineRecord) => {
      // Declined after an accept still waiting in the outbox: it must not be sent later, and the
      // decline takes it back. That is this showing's (undeliveredReceiptId), or one an earlier
      // page load left there (the person accepted while the server was down, then reloaded):
      // the person's last word is no, for the same documents.
      const declined = new Set(
        [record.agreement, ...record.additionalDocuments].map((d) => `${d.id}@${d.version}`),
      );
      const takenBack = new Set(record.undeliveredReceiptId ? [record.undeliveredReceiptId] : []);
      for (const { receipt } of outbox.pending()) {
        const covered = receiptDocuments(receipt).every((d) => declined.has(`${d.id}@${d.version}`));
        if (receipt.signer.id === record.signer.id && covered) takenBack.add(receipt.receiptId);
      }
      for (const id of takenBack) outbox.discard(id);
      api
        .decline(record, [...takenBack])
        .then(onDeclined, (e: Error) => setNotice(`Your decline could not be recorded: ${e.message}`));
    },
    [outbox, onDeclined],
  );
  return {
    signer,
    acknowledgements,
    organization: account.kind === 'organization',
    onAccept,
    onDecline,
    notice,
  };
}

function Notice({ children }: { children: ReactNode }) {
  return children ? (
    <p className="notice" role="status" data-testid="delivery-notice">
      {children}
    </p>
  ) : null;
}

function AgreementStep({ birthDate, ...props }: StepProps & { birthDate: string | null }) {
  const { offers, agreement, privacyPolicy, error } = useCurrentAgreement();
  const { notice, ...consent } = useConsentProps(props, offers);
  // The age gate starts with the date typed at signup; the receipt records only the age bracket.
  const guardian = useMemo(() => ({ defaultBirthDate: birthDate }), [birthDate]);
  // The privacy policy is a second document: its own scroll region, read to its end before Accept,
  // recorded in the receipt's additionalDocuments. Marketing is optional: never ticked for you.
  const documents = useMemo(
    () => (privacyPolicy ? [{ agreement: privacyPolicy }] : NO_DOCUMENTS),
    [privacyPolicy],
  );
  const optionalConsents = offers?.optionalConsents ?? NO_OPTIONAL_CONSENTS;
  if (error) return <p role="alert">The agreement could not be loaded: {error}</p>;
  if (!agreement || !privacyPolicy) return <p role="status">Loading the agreement…</p>;
  return (
    <>
      <Notice>{notice}</Notice>
      <ClickwrapPage
        agreement={agreement}
        documents={documents}
        optionalConsents={optionalConsents}
        guardian={guardian}
        locale="en-GB"
        description={`Version of ${formatDate(agreement.effectiveDate)}. Read the terms and the ${privacyPolicy.title} to the end, then accept them to finish creating your account.`}
        {...consent}
      />
    </>
  );
}

/**
 * A returning account whose accepted version is no longer current: a version notice, then the
 * modal in re-consent mode (`previous`): it says what changed, marks the changed passages, and
 * the receipt records `replaces` (the old version and receipt id).
 *
 * Re-consent is about the new Terms. The privacy policy comes along only when the account has not
 * accepted its current version; an optional consent only when it was never offered to the account
 * (asking again would nag someone who said no, and an unticked box would withdraw a yes).
 */
function ReconsentStep({
  status,
  acceptedAsMinor,
  ...props
}: StepProps & { status: ConsentStatus; acceptedAsMinor: boolean | null }) {
  const { offers, agreement, privacyPolicy, error } = useCurrentAgreement();
  const termsStatus = status.documents[AGREEMENT_ID];
  const privacyStatus = status.documents[PRIVACY_POLICY_ID];
  const documents = useMemo(
    () =>
      privacyPolicy && !privacyStatus?.accepted
        ? [
            {
              agreement: privacyPolicy,
              replaces: privacyStatus?.acceptedVersion
                ? { version: privacyStatus.acceptedVersion, receiptId: privacyStatus.acceptedReceiptId }
                : null,
            },
          ]
        : NO_DOCUMENTS,
    [privacyPolicy, privacyStatus],
  );
  const optionalConsents = useMemo(
    () =>
      (offers?.optionalConsents ?? NO_OPTIONAL_CONSENTS).filter(
        (o) => !status.optionalConsents[o.id]?.offered,
      ),
    [offers, status],
  );
  const [previousAgreement, setPreviousAgreement] = useState<Agreement | null>(null);
  const [open, setOpen] = useState(false);
  const { notice, ...consent } = useConsentProps(props, offers);
  // Someone who accepted as a minor goes through the age gate (and the guardian) again.
  const guardian = useMemo(() => (acceptedAsMinor ? { defaultBirthDate: null } : false), [acceptedAsMinor]);
  const previous = useMemo(
    () =>
      previousAgreement && {
        agreement: previousAgreement,
        acceptedAt: termsStatus?.acceptedAt ?? null,
        receiptId: termsStatus?.acceptedReceiptId ?? null,
      },
    [previousAgreement, termsStatus],
  );
  useEffect(() => {
    let live = true;
    const accepted = termsStatus?.acceptedVersion;
    if (accepted) api.agreementVersion(accepted).then((v) => live && setPreviousAgreement(toAgreement(v)));
    return () => {
      live = false;
    };
  }, [termsStatus?.acceptedVersion]);

  if (error) return <p role="alert">The agreement could not be loaded: {error}</p>;
  if (!agreement || !privacyPolicy || !previous) return <p role="status">Loading the agreement…</p>;
  return (
    <section className="card" aria-labelledby="reconsent-title">
      <h1 id="reconsent-title">The terms have changed</h1>
      <p className="version-notice" data-testid="version-notice">
        We updated the {agreement.title} on {formatDate(agreement.effectiveDate)}. You accepted the version of{' '}
        {formatDate(previous.agreement.effectiveDate)}. To keep using Instadesk, read what changed and accept
        the new version.
        {documents.length > 0 ? ` Please also read and accept our ${privacyPolicy.title}.` : null}
      </p>
      <Notice>{notice}</Notice>
      <ClickwrapModal
        open={open}
        onOpenChange={setOpen}
        dismissible={false}
        trigger={
          <button type="button" className="primary">
            Review and accept the new terms
          </button>
        }
        agreement={agreement}
        documents={documents}
        optionalConsents={optionalConsents}
        previous={previous}
        guardian={guardian}
        locale="en-GB"
        {...consent}
      />
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

function Welcome({
  account,
  consent,
  upToDate,
  onConsents,
  onSignOut,
}: {
  account: Account;
  consent: StoredReceipt | null;
  upToDate: boolean;
  onConsents: () => void;
  onSignOut: () => void;
}) {
  const documents = consent ? [consent.receipt.agreement, ...consent.receipt.additionalDocuments] : [];
  return (
    <section className="card" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome, {account.name}</h1>
      {consent ? (
        <p data-testid="consent-recorded">
          Your consent to{' '}
          {documents.map((d) => `${DOCUMENT_NAMES[d.id] ?? d.id} (version ${d.version})`).join(' and ')} is
          recorded: receipt <code>{consent.receipt.receiptId}</code>, received and countersigned by the server
          at {new Date(consent.receivedAt).toLocaleString('en-GB')}.
        </p>
      ) : null}
      {consent?.receipt.optionalConsents.map((o) => (
        <p key={o.id} data-testid={`optional-consent-${o.id}`}>
          You chose {o.granted ? '' : 'not '}to {OPTION_NAMES[o.id] ?? o.id}.
        </p>
      ))}
      {upToDate ? <p data-testid="up-to-date">You have accepted the current terms.</p> : null}
      <div className="row">
        <button type="button" onClick={onConsents}>
          Your consents
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </section>
  );
}

/**
 * What the signed-in account agreed to, copies of each version, and withdrawal, all through
 * react-clickwrap/server's routes. Copies of receipts delivered from this device carry the receipt;
 * the log checkpoint each recorded withdrawal is answered with is kept like a receipt's.
 */
function ConsentsScreen({
  account,
  outbox,
  onBack,
  onSignOut,
}: {
  account: Account;
  outbox: ConsentOutbox;
  onBack: () => void;
  onSignOut: () => void;
}) {
  const [labels, setLabels] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    let live = true;
    api.offers().then(
      (offers) => live && setLabels(Object.fromEntries(offers.optionalConsents.map((o) => [o.id, o.label]))),
      () => live && setLabels({}),
    );
    return () => {
      live = false;
    };
  }, []);
  const getReceipt = useCallback((id: string) => outbox.delivered(id), [outbox]);
  // Bumped when a withdrawal's checkpoint is kept: "Your record" then shows it, unchecked yet.
  const [keptWithdrawals, setKeptWithdrawals] = useState(0);
  return (
    <section className="card">
      {labels ? (
        <ConsentSettings
          basePath={CLICKWRAP_BASE}
          optionalConsentLabels={labels}
          getReceipt={getReceipt}
          onWithdrawn={(recorded) => {
            keepCheckpoint(recorded, recorded.withdrawal.id);
            setKeptWithdrawals((n) => n + 1);
          }}
          locale="en-GB"
          theme="light"
          headingLevel={1}
        />
      ) : (
        <p role="status">Loading…</p>
      )}
      <RecordCheck key={keptWithdrawals} accountId={account.id} />
      <div className="row">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </section>
  );
}

function Declined({
  account,
  onReview,
  onSignOut,
}: {
  account: Account;
  onReview: () => void;
  onSignOut: () => void;
}) {
  return (
    <section className="card" aria-labelledby="declined-title">
      <h1 id="declined-title">You declined the terms</h1>
      <p>
        {account.name}, your account stays inactive until you accept the Instadesk Terms and Conditions.
        Nothing else was recorded.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={onReview}>
          Read the terms again
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </section>
  );
}

/** How many receipts wait in the outbox, and what happened to the last one. */
function OutboxStatus({ outbox }: { outbox: ConsentOutbox }) {
  const [pending, setPending] = useState(() => outbox.pending().length);
  const [last, setLast] = useState<string | null>(null);
  useEffect(
    () =>
      outbox.subscribe((event) => {
        setPending(outbox.pending().length);
        if (event.type === 'delivered' && event.afterFailure)
          setLast(`Your acceptance was delivered (receipt ${event.receiptId.slice(0, 8)}…).`);
        if (event.type === 'rejected')
          setLast(`A saved acceptance was refused by the server: ${event.error.message}`);
      }),
    [outbox],
  );
  return (
    <div className="outbox" role="status" data-testid="outbox" data-pending={pending}>
      {pending > 0 ? (
        <>
          {pending === 1 ? '1 acceptance is' : `${pending} acceptances are`} waiting to be sent: the server is
          not answering. We retry automatically.{' '}
          <button type="button" className="link" onClick={() => void outbox.flush()}>
            Send now
          </button>
        </>
      ) : (
        last
      )}
    </div>
  );
}
