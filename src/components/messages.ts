'use client';
import type { ClickwrapReasonMessages as ReasonMessages } from '../hooks/use-clickwrap/reducer';
import { defaultGuardianCoSignMessages, type GuardianCoSignMessages } from '../hooks/use-guardian-co-sign/types';

/**
 * Every string the components render. All keys are required, so a translation cannot silently
 * fall back to English. Plain strings only (placeholders in braces, e.g. `{seen} of {total}`),
 * so a messages object can be passed from a server component to these client components.
 */
export interface ClickwrapMessages {
  /** BCP 47 tag of these messages; the default `locale` recorded in receipts. */
  locale: string;

  // ---- Layout ---------------------------------------------------------------------------------
  /** The one-line description under the title. */
  description: string;
  /** The modal's close button (closing records no decision). */
  close: string;
  /** The group around Accept and Decline. */
  actionsLabel: string;

  // ---- Agreement view -------------------------------------------------------------------------
  /** Accessible name of the scroll region; `{title}` is the agreement's title. */
  agreementLabel: string;
  /** Appended (visually hidden) to links that open in a new tab. */
  opensInNewTab: string;

  // ---- Reading progress -----------------------------------------------------------------------
  /** Accessible name of the progress bar. */
  progressLabel: string;
  /** The same, for an additional document; `{title}`. */
  documentProgressLabel: string;
  /** The progress as text (`aria-valuetext` and the visible label); `{percent}` is 0–100. */
  progressValue: string;
  /** Announced once, politely, when the end is reached. */
  reachedEnd: string;

  // ---- Key-clause summary ---------------------------------------------------------------------
  /** Heading of the summary. */
  keyClausesHeading: string;
  /** The same, for an additional document (e.g. the privacy policy); `{title}`. */
  documentKeyClausesHeading: string;
  /** One line under the heading. */
  keyClausesIntro: string;
  /** How many key clauses were read; `{seen}` and `{total}`. */
  keyClausesCount: string;
  /** Screen-reader text after a clause that was on screen. */
  keyClauseSeen: string;
  /** Screen-reader text after a clause not yet on screen. */
  keyClauseUnseen: string;

  // ---- Table of contents ----------------------------------------------------------------------
  /** Accessible name of the table of contents. */
  tocLabel: string;

  // ---- Age gate and guardian ------------------------------------------------------------------
  /** Legend of the date of birth (day, month, year), or the label of a single date input. */
  birthDateLabel: string;
  /** Hint under that legend. */
  birthDateHint: string;
  /** Label of the day field. */
  birthDateDayLabel: string;
  /** Label of the month field. */
  birthDateMonthLabel: string;
  /** Label of the year field. */
  birthDateYearLabel: string;
  /** Legend of the guardian section. */
  guardianLegend: string;
  /** Why the guardian section is shown; `{minimumAge}`. */
  guardianIntro: string;
  /** Label of the guardian's name. */
  guardianNameLabel: string;
  /** Label of the relationship. */
  relationshipLabel: string;
  /** Hint under the relationship. */
  relationshipHint: string;
  /** The verify button. */
  verifyGuardian: string;
  /** While verifying. */
  verifyingGuardian: string;
  /** After a successful verification. */
  guardianVerified: string;

  // ---- Acknowledgements and organisation -------------------------------------------------------
  /** Legend of the acknowledgements. */
  acknowledgementsLegend: string;
  /** Legend of the optional consents (e.g. marketing). */
  optionalConsentsLegend: string;
  /** Under that legend: that accepting does not need them. */
  optionalConsentsHint: string;
  /** Legend of the organisation section. */
  organizationLegend: string;
  /** Label of the organisation's name. */
  organizationNameLabel: string;
  /** Label of the signer's authority. */
  signerAuthorityLabel: string;
  /** Hint under the signer's authority. */
  signerAuthorityHint: string;

  // ---- Assent and delivery --------------------------------------------------------------------
  /** The assent checkbox; `{title}` is the agreement's title. */
  assentLabel: string;
  /**
   * A document's title as it reads inside `assentLabel` (`{title}` there is every document's,
   * joined as a list in the UI language); `{title}`.
   */
  documentTitle: string;
  /** Above the list of what is still missing. */
  missingHeading: string;
  /** The accept button. */
  accept: string;
  /** The accept button after a failed delivery. */
  retry: string;
  /** The decline button. */
  decline: string;
  /** While the receipt is being delivered. */
  submitting: string;
  /** After a failed delivery. */
  failed: string;
  /** After a failed delivery: what Retry does. */
  failedHint: string;
  /** After a successful delivery. */
  accepted: string;
  /** The receipt's id; `{id}`. */
  receiptId: string;
  /** After Decline. */
  declined: string;

  // ---- Re-consent (with `previous`) ------------------------------------------------------------
  /** The description under the title in re-consent, reading the whole agreement. */
  reconsentDescription: string;
  /** The description under the title in re-consent, reading only the changes (`reconsentReading="changes"`). */
  reconsentDescriptionChanges: string;
  /** Heading of the re-consent notice. */
  reconsentHeading: string;
  /** When the new version takes effect; `{date}` is its `effectiveDate`, formatted for the UI locale. */
  reconsentUpdatedOn: string;
  /** Instead of `reconsentUpdatedOn` when the agreement has no `effectiveDate`. */
  reconsentUpdated: string;
  /** What the person accepted before; `{version}`, and `{date}` (their acceptance, formatted). */
  reconsentPreviouslyAccepted: string;
  /** Instead of `reconsentPreviouslyAccepted` when the acceptance date is not known; `{version}`. */
  reconsentPreviousVersion: string;
  /** Heading of the summary of changes. */
  changesHeading: string;
  /** Under that heading, reading the whole agreement. */
  changesIntro: string;
  /** Under that heading, reading only the changes. */
  changesIntroChanges: string;
  /** How many changes of each kind; `{changed}`, `{added}`, `{removed}`. */
  changesCount: string;
  /** How many changed passages were on screen; `{seen}`, `{total}`. */
  changesSeenCount: string;
  /** Shown when a change concerns a key (bold) clause. */
  changesKeyClauses: string;
  /** Shown when the text is the same as the version accepted before. */
  changesNone: string;
  /** The kind of a change, as shown in the summary. */
  changeAdded: string;
  /** The kind of a change, as shown in the summary. */
  changeChanged: string;
  /** The kind of a change, as shown in the summary. */
  changeRemoved: string;
  /** Where a removed clause stood; `{section}` is the section's title. */
  changeRemovedFrom: string;
  /** Where a removed clause stood, when it was before any heading. */
  changeRemovedFromStart: string;
  /** A clause whose words are the same but which is now in bold (a key clause). */
  changeBecameKeyClause: string;
  /** A clause whose words are the same but which is no longer in bold. */
  changeNoLongerKeyClause: string;
  /** Screen-reader text that opens an added passage in the agreement. */
  changeMarkerAdded: string;
  /** Screen-reader text that opens a changed passage in the agreement. */
  changeMarkerChanged: string;
  /** Screen-reader text before deleted words in the summary's word-by-word view. */
  wordsDeleted: string;
  /** Screen-reader text before inserted words in the summary's word-by-word view. */
  wordsInserted: string;

  // ---- A copy of what was agreed to (after accepting) ------------------------------------------
  /** Accessible name of the group of copy actions. */
  copyLabel: string;
  /** The download button. */
  copyDownload: string;
  /** With several documents, one download button per document; `{title}`. */
  copyDownloadDocument: string;
  /** The print button. */
  copyPrint: string;
  /** The receipt's heading, in the printed copy and in the downloaded file. */
  copyReceiptHeading: string;
  /** Labels of the receipt summary printed under the agreement. */
  copyReceipt: {
    receiptId: string;
    acceptedAt: string;
    agreement: string;
    sha256: string;
    signer: string;
    organization: string;
    guardian: string;
    acknowledgements: string;
    replaces: string;
    /** Another document agreed to in the same consent. */
    document: string;
    /** The optional consents, each then marked granted or not. */
    optionalConsents: string;
    granted: string;
    notGranted: string;
  };

  /** The reasons listed while Accept is unavailable (fed to `useClickwrap`). */
  reasons: {
    scrollToEnd: string;
    /** `{seen}`, `{total}`. */
    keyClauses: string;
    /** Changed passages not yet on screen (`reconsentReading="changes"`); `{seen}`, `{total}`. */
    passages: string;
    /** An additional document's end not yet reached; `{title}`. */
    documentEnd: string;
    /** An additional document's key clauses not all on screen; `{title}`, `{seen}`, `{total}`. */
    documentKeyClauses: string;
    agePending: string;
    organizationName: string;
    signerAuthority: string;
    /** One acknowledgement missing; `{label}`. */
    acknowledgement: string;
    /** Several missing; `{missing}`, `{total}`. */
    acknowledgements: string;
    assent: string;
  };
  /**
   * The age gate's and guardian form's errors and default attestations (fed to
   * `useGuardianCoSign`); the reasons for the same problems are these sentences too.
   */
  guardian: GuardianCoSignMessages;
}

/** English. */
export const en: ClickwrapMessages = {
  locale: 'en',
  description: 'Read the agreement to the end, then accept it to continue.',
  close: 'Close',
  actionsLabel: 'Your decision',
  agreementLabel: '{title}, full text',
  opensInNewTab: '(opens in a new tab)',
  progressLabel: 'Reading progress',
  documentProgressLabel: 'Reading progress: {title}',
  progressValue: '{percent}% read',
  reachedEnd: 'You have reached the end of the agreement.',
  keyClausesHeading: 'Terms that limit your rights',
  documentKeyClausesHeading: '{title}: terms that limit your rights',
  keyClausesIntro: 'These terms are in bold in the agreement. Select one to go to it.',
  keyClausesCount: '{seen} of {total} read',
  keyClauseSeen: '(read)',
  keyClauseUnseen: '(not read yet)',
  tocLabel: 'Sections of the agreement',
  birthDateLabel: 'Date of birth',
  birthDateHint: 'For example, 27 3 2007',
  birthDateDayLabel: 'Day',
  birthDateMonthLabel: 'Month',
  birthDateYearLabel: 'Year',
  guardianLegend: 'Legal guardian',
  guardianIntro:
    'You are under {minimumAge}. Read this agreement with a legal guardian, who co-signs it with you.',
  guardianNameLabel: "Guardian's full name",
  relationshipLabel: 'Relationship to you',
  relationshipHint: 'For example: parent, legal guardian.',
  verifyGuardian: 'Verify guardian',
  verifyingGuardian: 'Verifying…',
  guardianVerified: 'The legal guardian is verified.',
  acknowledgementsLegend: 'Required acknowledgements',
  optionalConsentsLegend: 'Optional',
  optionalConsentsHint: 'You can accept without ticking these, and change your mind later.',
  organizationLegend: 'Agreeing for an organisation',
  organizationNameLabel: 'Organisation name',
  signerAuthorityLabel: 'Your role or authority to agree for it',
  signerAuthorityHint: 'For example: Administrator, Director.',
  assentLabel: 'I have read and agree to {title}.',
  documentTitle: 'the {title}',
  missingHeading: 'Before you can accept:',
  accept: 'Accept',
  retry: 'Retry',
  decline: 'Decline',
  submitting: 'Sending your acceptance…',
  failed: 'Your acceptance could not be sent.',
  failedHint: 'Select Retry to send the same receipt again.',
  accepted: 'Accepted. Your consent is recorded.',
  receiptId: 'Receipt {id}',
  declined: 'You declined the agreement.',
  reconsentDescription:
    'The agreement has changed since you accepted it. Review what changed, read it to the end, then accept it again to continue.',
  reconsentDescriptionChanges:
    'The agreement has changed since you accepted it. Read the changed passages, then accept it again to continue.',
  reconsentHeading: 'This agreement has changed',
  reconsentUpdatedOn: 'Updated on {date}.',
  reconsentUpdated: 'It has been updated since you accepted it.',
  reconsentPreviouslyAccepted: 'You accepted version {version} on {date}.',
  reconsentPreviousVersion: 'You accepted version {version}.',
  changesHeading: 'What changed',
  changesIntro: 'Changed passages are marked in the text. Select one to go to it.',
  changesIntroChanges: 'Read each changed passage; they are marked in the text. Select one to go to it.',
  changesCount: 'Changed: {changed}, added: {added}, removed: {removed}.',
  changesSeenCount: '{seen} of {total} changed passages read',
  changesKeyClauses: 'Some changes concern terms that limit your rights.',
  changesNone: 'The text is the same as the version you accepted.',
  changeAdded: 'Added',
  changeChanged: 'Changed',
  changeRemoved: 'Removed',
  changeRemovedFrom: 'From “{section}”',
  changeRemovedFromStart: 'From the beginning of the agreement',
  changeBecameKeyClause: 'Now in bold: a term that limits your rights.',
  changeNoLongerKeyClause: 'No longer in bold as a term that limits your rights.',
  changeMarkerAdded: 'Added passage:',
  changeMarkerChanged: 'Changed passage:',
  wordsDeleted: 'deleted:',
  wordsInserted: 'inserted:',
  copyLabel: 'Your copy',
  copyDownload: 'Download a copy',
  copyDownloadDocument: 'Download the {title}',
  copyPrint: 'Print',
  copyReceiptHeading: 'Consent receipt',
  copyReceipt: {
    receiptId: 'Receipt',
    acceptedAt: 'Accepted at',
    agreement: 'Agreement and version',
    sha256: 'SHA-256 of the text',
    signer: 'Accepted by',
    organization: 'For the organisation',
    guardian: 'Legal guardian',
    acknowledgements: 'Acknowledgements',
    replaces: 'Replaces version',
    document: 'Also agreed to',
    optionalConsents: 'Optional consents',
    granted: 'given',
    notGranted: 'not given',
  },
  reasons: {
    scrollToEnd: 'Scroll to the end of the agreement.',
    keyClauses: 'Read every highlighted key clause ({seen} of {total} seen so far).',
    passages: 'Read every changed passage ({seen} of {total} seen so far).',
    documentEnd: 'Scroll to the end of the {title}.',
    documentKeyClauses: 'Read every highlighted key clause of the {title} ({seen} of {total} seen so far).',
    agePending: 'Your age is being checked.',
    organizationName: 'Enter the name of the organisation you are agreeing for.',
    signerAuthority: 'Enter your role or authority to agree for the organisation.',
    acknowledgement: 'Tick the box: “{label}”.',
    acknowledgements: 'Tick each required acknowledgement ({missing} of {total} not ticked yet).',
    assent: 'Tick the box to agree to the agreement.',
  },
  guardian: defaultGuardianCoSignMessages,

};

/** Simplified Chinese. */
export const zhCN: ClickwrapMessages = {
  locale: 'zh-CN',
  description: '请将协议阅读至末尾，然后接受协议以继续。',
  close: '关闭',
  actionsLabel: '您的决定',
  agreementLabel: '《{title}》全文',
  opensInNewTab: '（在新标签页中打开）',
  progressLabel: '阅读进度',
  documentProgressLabel: '《{title}》阅读进度',
  progressValue: '已读 {percent}%',
  reachedEnd: '您已阅读至协议末尾。',
  keyClausesHeading: '限制您权利的条款',
  documentKeyClausesHeading: '《{title}》中限制您权利的条款',
  keyClausesIntro: '这些条款在协议中以粗体显示。选择一项即可跳转到该条款。',
  keyClausesCount: '已读 {seen} / {total}',
  keyClauseSeen: '（已读）',
  keyClauseUnseen: '（未读）',
  tocLabel: '协议章节',
  birthDateLabel: '出生日期',
  birthDateHint: '例如：27 3 2007（日 月 年）',
  birthDateDayLabel: '日',
  birthDateMonthLabel: '月',
  birthDateYearLabel: '年',
  guardianLegend: '法定监护人',
  guardianIntro: '您未满 {minimumAge} 周岁。请在法定监护人陪同下阅读本协议，并由监护人与您共同签署。',
  guardianNameLabel: '监护人姓名',
  relationshipLabel: '与您的关系',
  relationshipHint: '例如：父母、法定监护人。',
  verifyGuardian: '验证监护人',
  verifyingGuardian: '正在验证…',
  guardianVerified: '法定监护人已通过验证。',
  acknowledgementsLegend: '必须确认的事项',
  optionalConsentsLegend: '可选',
  optionalConsentsHint: '不勾选这些也可以同意协议，之后也可以更改。',
  organizationLegend: '代表组织同意',
  organizationNameLabel: '组织名称',
  signerAuthorityLabel: '您代表该组织同意的职务或权限',
  signerAuthorityHint: '例如：管理员、董事。',
  assentLabel: '我已阅读并同意{title}。',
  documentTitle: '《{title}》',
  missingHeading: '接受前还需要：',
  accept: '接受',
  retry: '重试',
  decline: '拒绝',
  submitting: '正在提交您的同意…',
  failed: '您的同意未能提交。',
  failedHint: '选择“重试”将再次提交同一份回执。',
  accepted: '已接受。您的同意已记录。',
  receiptId: '回执编号 {id}',
  declined: '您已拒绝本协议。',
  reconsentDescription: '自您上次接受以来，本协议已有变更。请查看变更内容并阅读至末尾，然后再次接受以继续。',
  reconsentDescriptionChanges: '自您上次接受以来，本协议已有变更。请阅读变更的段落，然后再次接受以继续。',
  reconsentHeading: '本协议已更新',
  reconsentUpdatedOn: '更新日期：{date}。',
  reconsentUpdated: '自您上次接受以来，本协议已更新。',
  reconsentPreviouslyAccepted: '您曾于 {date} 接受 {version} 版。',
  reconsentPreviousVersion: '您曾接受 {version} 版。',
  changesHeading: '变更内容',
  changesIntro: '变更的段落已在正文中标出。选择一项即可跳转到该处。',
  changesIntroChanges: '请阅读每一处变更的段落（已在正文中标出）。选择一项即可跳转到该处。',
  changesCount: '修改 {changed} 处，新增 {added} 处，删除 {removed} 处。',
  changesSeenCount: '已读变更段落 {seen} / {total}',
  changesKeyClauses: '部分变更涉及限制您权利的条款。',
  changesNone: '正文与您接受的版本相同。',
  changeAdded: '新增',
  changeChanged: '修改',
  changeRemoved: '删除',
  changeRemovedFrom: '原位于“{section}”',
  changeRemovedFromStart: '原位于协议开头',
  changeBecameKeyClause: '现以粗体标出：限制您权利的条款。',
  changeNoLongerKeyClause: '不再以粗体标出为限制您权利的条款。',
  changeMarkerAdded: '新增段落：',
  changeMarkerChanged: '修改段落：',
  wordsDeleted: '删除：',
  wordsInserted: '插入：',
  copyLabel: '您的副本',
  copyDownload: '下载副本',
  copyDownloadDocument: '下载《{title}》',
  copyPrint: '打印',
  copyReceiptHeading: '同意回执',
  copyReceipt: {
    receiptId: '回执编号',
    acceptedAt: '接受时间',
    agreement: '协议及版本',
    sha256: '正文 SHA-256',
    signer: '接受人',
    organization: '代表组织',
    guardian: '法定监护人',
    acknowledgements: '确认事项',
    replaces: '取代版本',
    document: '一并同意',
    optionalConsents: '可选同意',
    granted: '已同意',
    notGranted: '未同意',
  },
  reasons: {
    scrollToEnd: '请滚动阅读至协议末尾。',
    keyClauses: '请阅读每一条突出显示的重要条款（已读 {seen} / {total}）。',
    passages: '请阅读每一处变更的段落（已读 {seen} / {total}）。',
    documentEnd: '请滚动至《{title}》末尾。',
    documentKeyClauses: '请阅读《{title}》中每一条突出显示的关键条款（已读 {seen} / {total}）。',
    agePending: '正在核对您的年龄。',
    organizationName: '请输入您所代表的组织名称。',
    signerAuthority: '请输入您代表该组织同意的职务或权限。',
    acknowledgement: '请勾选：“{label}”。',
    acknowledgements: '请逐项勾选必须确认的事项（{total} 项中还有 {missing} 项未勾选）。',
    assent: '请勾选同意协议。',
  },
  guardian: {
    birthDateRequired: '请输入您的出生日期。',
    birthDateInvalid: '请输入有效的出生日期。',
    birthDateMissing: '出生日期须包含{parts}。',
    birthDateDay: '日',
    birthDateMonth: '月',
    birthDateYear: '年',
    birthDatePartsJoin: '{first}和{second}',
    birthDateNotReal: '出生日期须为真实存在的日期。',
    birthDateYearDigits: '年份须为 4 位数字。',
    birthDateFuture: '出生日期须早于今天。',
    birthDateTooOld: '出生日期须在 150 年以内。',
    birthDateUnparsable: '请按“年-月-日”格式输入出生日期，例如 2007-03-27。',
    nameRequired: '请输入法定监护人本人的姓名。',
    nameSameAsMinor: '请输入法定监护人本人的姓名：不能与未成年人的姓名相同。',
    relationshipRequired: '请输入法定监护人与您的关系。',
    attestationRequired: '法定监护人须确认已与您一同阅读本协议。',
    verificationRequired: '法定监护人须通过验证。',
    verificationFailed: '无法验证法定监护人。',
    verificationError: '验证法定监护人时出错，请重试。',
    attestationJoint:
      '本人是此处所述未成年人的法定监护人。本人已与其一同阅读本协议，并与其共同同意本协议。',
    attestationGuardianOnly:
      '本人是此处所述未成年人的法定监护人。本人已与其一同阅读本协议，并代表其同意本协议。',
  },
};

/** The line under the title: the usual one, or the re-consent one for the reading asked for. */
export function defaultDescription(
  messages: ClickwrapMessages,
  reconsent: { reading: 'whole' | 'changes' } | null,
): string {
  if (!reconsent) return messages.description;
  return reconsent.reading === 'changes'
    ? messages.reconsentDescriptionChanges
    : messages.reconsentDescription;
}

/** Fills `{name}` placeholders; unknown names are left as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** The reasons in the shape `useClickwrap` takes (functions for the counted ones). */
export function toReasonMessages(messages: ClickwrapMessages): ReasonMessages {
  const r = messages.reasons;
  const g = messages.guardian;
  return {
    scrollToEnd: r.scrollToEnd,
    keyClauses: ({ seen, total }) => format(r.keyClauses, { seen, total }),
    passages: ({ seen, total }) => format(r.passages, { seen, total }),
    documentEnd: ({ title }) => format(r.documentEnd, { title }),
    documentKeyClauses: ({ title, seen, total }) =>
      format(r.documentKeyClauses, { title, seen, total }),
    // The age gate's and guardian's reasons are the field's own sentences: one wording.
    birthDate: g.birthDateRequired,
    birthDateInvalid: g.birthDateInvalid,
    agePending: r.agePending,
    guardianName: g.nameRequired,
    guardianRelationship: g.relationshipRequired,
    guardianAttestation: g.attestationRequired,
    guardianVerification: g.verificationRequired,
    organizationName: r.organizationName,
    signerAuthority: r.signerAuthority,
    acknowledgements: ({ missing, total }) =>
      missing.length === 1 && total === 1
        ? format(r.acknowledgement, { label: missing[0] ?? '' })
        : format(r.acknowledgements, { missing: missing.length, total }),
    assent: r.assent,
  };
}

/**
 * Every document's title as the assent label says it: each through `messages.documentTitle`,
 * joined as a list in the UI language ("the Terms and the Privacy Policy").
 */
export function documentTitles(messages: ClickwrapMessages, titles: readonly string[], locale: string): string {
  const parts = titles.map((title) => format(messages.documentTitle, { title }));
  if (parts.length < 2) return parts[0] ?? '';
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
  } catch {
    // An invalid locale tag: the runtime's default language.
    return new Intl.ListFormat(undefined, { type: 'conjunction' }).format(parts);
  }
}
