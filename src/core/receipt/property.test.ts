import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeAgreement } from '../canonical';
import { createReceipt, receiptDocuments, serializeReceipt, verifyReceipt } from '.';
import type { CreateReceiptInput } from '.';
import type { ConsentReceipt } from '../types';
import { schema, codes, schemaErrors } from './fixtures.test-utils';

describe('property: any valid consent', () => {
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).filter((s) => /\S/.test(s));
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2090, 0, 1);
  /** A moment as a Date or as an ISO string in some time zone. */
  const moment = (time: number) =>
    fc.oneof(
      fc.constant<Date | string>(new Date(time)),
      fc.integer({ min: -14 * 60, max: 14 * 60 }).map((offset) => {
        const local = new Date(time + offset * 60_000).toISOString().slice(0, -1);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        return `${local}${sign}${hh}:${mm}`;
      }),
    );

  const document = fc.record({
    id: text,
    version: text,
    title: text,
    markdown: fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => canonicalizeAgreement(s) !== ''),
  });
  const replaced = fc.option(
    fc.record({ version: text, receiptId: fc.option(fc.uuid(), { nil: undefined }) }),
    { nil: null },
  );
  /** Reading evidence that meets whichever requirement it claims (dates filled in later). */
  const evidence = fc.record({
    reachedEnd: fc.boolean(),
    keyClausesSeen: fc.uniqueArray(text, { maxLength: 6 }),
    unseen: fc.nat({ max: 5 }),
    changesSeen: fc.uniqueArray(text, { maxLength: 4 }),
    unseenChanges: fc.nat({ max: 2 }),
    strict: fc.boolean(),
  });
  type Evidence = typeof evidence extends fc.Arbitrary<infer T> ? T : never;
  const reading = (e: Evidence, replaces: unknown, reachedEndAt: Date | string) => {
    const changesSeen = replaces === null ? [] : e.changesSeen;
    const changesTotal = replaces === null ? 0 : changesSeen.length + e.unseenChanges;
    const required =
      e.strict && replaces !== null && changesTotal > 0 && e.unseenChanges === 0
        ? ('changes' as const)
        : e.strict && e.reachedEnd
          ? ('whole' as const)
          : ('none' as const);
    return {
      required,
      reachedEnd: e.reachedEnd,
      reachedEndAt: e.reachedEnd ? reachedEndAt : null,
      keyClausesSeen: e.keyClausesSeen,
      keyClausesTotal: e.keyClausesSeen.length + e.unseen,
      changesSeen,
      changesTotal,
    };
  };

  const consent = fc
    .record({
      shown: fc.integer({ min: start, max: end }),
      readFor: fc.integer({ min: 0, max: 3_600_000 }),
      agreement: document,
      signer: fc.record({ id: text, name: fc.option(text, { nil: undefined }) }, { requiredKeys: ['id'] }),
      organization: fc.option(fc.record({ name: text, signerAuthority: text }), { nil: undefined }),
      minorAndGuardian: fc.option(
        fc.record({
          guardian: fc.record({
            name: text,
            relationship: text,
            attestation: text,
            mode: fc.constantFrom('joint' as const, 'guardian-only' as const),
            verification: fc.option(text),
          }),
          // A decision the rule could give: a built-in rule with a bracket under its minimum age,
          // or an app's own rule with brackets of its own.
          minor: fc.oneof(
            fc.constantFrom(
              { ageBracket: '16-17', rule: 'agreement', minimumAge: 18 },
              { ageBracket: '13', rule: 'agreement', minimumAge: 18 },
              { ageBracket: 'under-13', rule: 'coppa', minimumAge: 13 },
              { ageBracket: '14', rule: 'gdpr:FR', minimumAge: 15 },
            ),
            fc.record({
              ageBracket: text.map((t) => `app:${t}`),
              rule: text.map((t) => `custom:${t}`),
              minimumAge: fc.integer({ min: 1, max: 21 }),
            }),
          ),
        }),
        { nil: null },
      ),
      acknowledgements: fc.uniqueArray(fc.record({ id: text, label: text }), {
        selector: (a) => a.id,
        maxLength: 4,
      }),
      optionalConsents: fc.uniqueArray(
        fc.record({ id: text, label: text, granted: fc.boolean(), touched: fc.boolean() }),
        { selector: (o) => o.id, maxLength: 3 },
      ),
      reading: evidence,
      locale: fc.constantFrom('en', 'en-GB', 'fr-FR', 'zh-Hant-TW', 'pt-BR'),
      uiVariant: text,
      replaces: replaced,
      documents: fc.uniqueArray(fc.record({ agreement: document, reading: evidence, replaces: replaced }), {
        selector: (d) => d.agreement.id,
        maxLength: 2,
      }),
      receiptId: fc.option(fc.uuid(), { nil: undefined }),
    })
    .filter((c) => c.documents.every((d) => d.agreement.id !== c.agreement.id))
    .chain((c) =>
      fc
        .record({
          shownAt: moment(c.shown),
          acceptedAt: moment(c.shown + c.readFor),
          reachedEndAt: moment(c.shown + c.readFor),
          acks: fc.tuple(...c.acknowledgements.map(() => moment(c.shown + c.readFor))),
          optional: fc.tuple(...c.optionalConsents.map(() => moment(c.shown + c.readFor))),
          documentsReachedEndAt: fc.tuple(...c.documents.map(() => moment(c.shown + c.readFor))),
        })
        .map((m): CreateReceiptInput => ({
          agreement: c.agreement,
          shownAt: m.shownAt,
          acceptedAt: m.acceptedAt,
          signer: c.signer,
          organization: c.organization,
          guardian: c.minorAndGuardian?.guardian ?? null,
          minor: c.minorAndGuardian?.minor ?? null,
          acknowledgements: c.acknowledgements.map((a, i) => ({ ...a, at: m.acks[i]! })),
          optionalConsents: c.optionalConsents.map(({ touched, ...o }, i) => ({
            ...o,
            at: o.granted || touched ? m.optional[i]! : null,
          })),
          reading: reading(c.reading, c.replaces, m.reachedEndAt),
          locale: c.locale,
          uiVariant: c.uiVariant,
          replaces: c.replaces,
          additionalDocuments: c.documents.map((d, i) => ({
            agreement: d.agreement,
            reading: reading(d.reading, d.replaces, m.documentsReachedEndAt[i]!),
            replaces: d.replaces,
          })),
          receiptId: c.receiptId,
        })),
    );

  it('verifies, before and after a JSON round trip, and serialises stably', async () => {
    await fc.assert(
      fc.asyncProperty(consent, async (input) => {
        const text = input.agreement.markdown;
        const docs = input.additionalDocuments ?? [];
        const options = {
          additionalDocuments: Object.fromEntries(docs.map((d) => [d.agreement.id, d.agreement.markdown])),
        };
        const receipt = await createReceipt(input);
        expect(await verifyReceipt(receipt, text, options)).toEqual({ ok: true, problems: [] });
        expect(receiptDocuments(receipt).map((d) => d.id)).toEqual([
          input.agreement.id,
          ...docs.map((d) => d.agreement.id),
        ]);
        expect(receipt.optionalConsents.map((o) => o.granted)).toEqual(
          (input.optionalConsents ?? []).map((o) => o.granted),
        );

        const viaJson = JSON.parse(JSON.stringify(receipt)) as ConsentReceipt;
        expect(await verifyReceipt(viaJson, text, options)).toEqual({ ok: true, problems: [] });

        const serialized = serializeReceipt(receipt);
        const viaSerialized = JSON.parse(serialized) as ConsentReceipt;
        expect(await verifyReceipt(viaSerialized, text, options)).toEqual({ ok: true, problems: [] });
        expect(serializeReceipt(viaSerialized)).toBe(serialized);
        expect(schemaErrors(receipt, schema)).toEqual([]);

        const crlf = (md: string) => md.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
        const crlfOptions = {
          additionalDocuments: Object.fromEntries(
            docs.map((d) => [d.agreement.id, crlf(d.agreement.markdown)]),
          ),
        };
        expect((await verifyReceipt(receipt, crlf(text), crlfOptions)).ok).toBe(true);
        if (docs.length > 0) {
          expect(codes((await verifyReceipt(receipt, text)).problems)).toEqual(
            docs.map(() => 'document-unverified'),
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
