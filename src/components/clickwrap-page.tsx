'use client';
import {
  forwardRef,
  useEffect,
  useId,
  useMemo,
  useRef,
  type FocusEvent,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
} from 'react';
import { mergeRefs } from '../internal/merge-props';
import { Acknowledgements } from './acknowledgements';
import { AgreementView } from './agreement-view';
import { AssentCheckbox, DeliveryStatus, MissingReasons, type AssentCheckboxProps } from './assent-controls';
import {
  ClickwrapProvider,
  ClickwrapRootElement,
  Heading,
  splitRootProps,
  useClickwrapConfig,
  useClickwrapState,
  useCx,
  type ClickwrapProviderProps,
} from './root';
import { GuardianForm } from './guardian-form';
import { KeyClauseSummary } from './key-clause-summary';
import { OrganizationForm } from './organization-form';
import { AdditionalDocuments } from './document-scope';
import { OptionalConsents } from './optional-consents';
import { CopyActions } from './on-demand/copy-actions';
import { DecisionButtons } from './decision-buttons';
import { defaultDescription } from '../messages';
import { ReadingProgress } from './reading-progress';
import { ChangeSummary, ReconsentNotice } from './on-demand/reconsent-parts';
import { TableOfContents } from './table-of-contents';

interface PageOwnProps {
  /** The page's heading. @default the agreement's title */
  title?: ReactNode;
  /**
   * One line under the title, kept as given. @default messages.description; in re-consent
   * messages.reconsentDescription (or reconsentDescriptionChanges when reading only the changes);
   * once accepted messages.descriptionAccepted, once declined with `onDone` messages.descriptionDeclined
   * (each told how many documents are shown, so with `documents` they speak of "these documents")
   */
  description?: ReactNode;
  /** Level of the page's heading; the agreement's headings nest below it. @default 1 */
  headingLevel?: number;
  /** Show the table of contents (on wide screens only). @default true */
  tableOfContents?: boolean;
  /** Props for the assent checkbox (a form field name, react-hook-form's `register(…)`…). */
  assentCheckboxProps?: AssentCheckboxProps & { ref?: Ref<HTMLInputElement> };
  /** Extra content after the forms, before the assent checkbox. */
  children?: ReactNode;
  /**
   * Where the page leads once the decision is made (your next step). Given, the bar then holds
   * the outcome and one Done button that calls it, in place of Decline and Accept.
   */
  onDone?: () => void;
}

/** Props of `ClickwrapPage`: every `useClickwrap` option, and the section's own. */
export interface ClickwrapPageProps
  extends
    Omit<ClickwrapProviderProps, 'children' | 'uiVariant'>,
    PageOwnProps,
    Omit<HTMLAttributes<HTMLElement>, 'title' | 'dir' | 'onChange' | 'children'> {
  /** Which UI collected the consent, recorded in the receipt. @default 'page' */
  uiVariant?: string;
}

/**
 * The clickwrap as a full page (e.g. a signup route): title, a table of contents on wide
 * screens, the agreement with reading progress, the key-clause summary, the forms that apply,
 * and a sticky action bar that never hides the focused element (WCAG 2.4.11).
 * @selector .rcw-page and the root's data attributes
 */
export const ClickwrapPage = forwardRef<HTMLElement, ClickwrapPageProps>(function ClickwrapPage(
  { uiVariant = 'page', ...props },
  ref,
) {
  const [providerProps, elementProps] = splitRootProps({ ...props, uiVariant });
  return (
    <ClickwrapProvider {...providerProps}>
      <PageLayout ref={ref} {...elementProps}>
        {props.children}
      </PageLayout>
    </ClickwrapProvider>
  );
});

type PageLayoutProps = PageOwnProps &
  Omit<HTMLAttributes<HTMLElement>, 'title' | 'dir' | 'onChange' | 'children'>;

/** The page's markup. It reads no changing state, so scrolling re-renders only the parts that show it. */
const PageLayout = forwardRef<HTMLElement, PageLayoutProps>(function PageLayout(
  {
    title,
    description,
    headingLevel = 1,
    tableOfContents = true,
    assentCheckboxProps,
    children,
    onDone,
    className,
    onFocus,
    ...rest
  },
  ref,
) {
  const { agreement, messages } = useClickwrapConfig('ClickwrapPage');
  const cx = useCx();
  const titleId = useId();
  const rootRef = useRef<HTMLElement | null>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const setRoot = useMemo(() => mergeRefs(ref, rootRef), [ref]);

  // The bar's height, as a CSS variable: focusable elements keep that much `scroll-margin`,
  // so the browser's own focus scrolling stops above the bar.
  useEffect(() => {
    const bar = barRef.current;
    const root = rootRef.current;
    if (!bar || !root || typeof ResizeObserver === 'undefined') return;
    const update = () => root.style.setProperty('--rcw-action-bar-block-size', `${bar.offsetHeight}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  const handleFocus = (event: FocusEvent<HTMLElement>) => {
    onFocus?.(event);
    const bar = barRef.current;
    const target = event.target;
    if (!bar || !(target instanceof HTMLElement) || bar.contains(target)) return;
    // After the browser's own scrolling for the focus change.
    target.ownerDocument.defaultView?.requestAnimationFrame(() => revealAboveBar(target, bar));
  };

  return (
    <ClickwrapRootElement
      as="section"
      ref={setRoot as Ref<HTMLDivElement>}
      aria-labelledby={titleId}
      className={cx('page', className)}
      onFocus={handleFocus}
      {...rest}
    >
      <div className={cx('page-layout')}>
        <div className={cx('page-header')}>
          <Heading level={headingLevel} id={titleId} className={cx('title')}>
            {title ?? agreement.title}
          </Heading>
          <PageDescription description={description} hasDone={onDone !== undefined} />
          <ReconsentNotice headingLevel={headingLevel + 1} className={cx('page-notice')} />
        </div>
        {tableOfContents ? <TableOfContents className={cx('page-toc')} /> : null}
        <div className={cx('page-main')}>
          <ReadingProgress />
          <AgreementView headingOffset={headingLevel} />
          <AdditionalDocuments headingLevel={headingLevel + 1} />
        </div>
        <div className={cx('page-summary')}>
          <ChangeSummary headingLevel={headingLevel + 1} />
          <KeyClauseSummary headingLevel={headingLevel + 1} />
        </div>
        <div className={cx('page-forms')}>
          <GuardianForm />
          <OrganizationForm />
          <Acknowledgements />
          <OptionalConsents />
          {children}
          <AssentCheckbox {...assentCheckboxProps} />
          <MissingReasons />
        </div>
      </div>
      <div
        ref={barRef}
        className={cx('actions', cx('page-actions'))}
        role="group"
        aria-label={messages.actionsLabel}
      >
        <DeliveryStatus />
        <CopyActions headingLevel={headingLevel + 1} />
        <DecisionButtons
          done={
            onDone ? (
              <button
                type="button"
                className={cx('button')}
                data-variant="primary"
                data-action="done"
                onClick={onDone}
              >
                {messages.done}
              </button>
            ) : undefined
          }
        />
      </div>
    </ClickwrapRootElement>
  );
});

/**
 * The line under the title: the instruction to read and accept while the decision is open, then
 * what is true once it is made. Declined without `onDone`, Decline and Accept stay (the person
 * may still change their mind), and so does the instruction. An app's own description stays.
 */
function PageDescription({ description, hasDone }: { description: ReactNode; hasDone: boolean }) {
  const { messages, reconsent, titles, locale } = useClickwrapConfig('ClickwrapPage');
  const { cw, declined } = useClickwrapState('ClickwrapPage');
  const cx = useCx();
  const decision =
    cw.status === 'accepted' ? 'accepted' : declined && cw.status === 'idle' && hasDone ? 'declined' : null;
  return (
    <p className={cx('description')}>
      {description ?? defaultDescription(messages, reconsent, decision, titles.length, locale)}
    </p>
  );
}

/** The nearest ancestor that scrolls vertically, or the document's scroller. */
function scrollParent(el: HTMLElement): Element | null {
  const win = el.ownerDocument.defaultView;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const overflow = win?.getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) {
      return node;
    }
  }
  return el.ownerDocument.scrollingElement;
}

/** Scrolls so the focused element is not under the sticky bar (its top stays in view). */
function revealAboveBar(target: HTMLElement, bar: HTMLElement): void {
  if (!target.isConnected || target.ownerDocument.activeElement !== target) return;
  const barBox = bar.getBoundingClientRect();
  const box = target.getBoundingClientRect();
  const gap = 8;
  const covered = box.bottom + gap - barBox.top;
  if (covered <= 0 || box.top >= barBox.bottom) return;
  // Never push the element's top out of view to show its bottom.
  const delta = Math.min(covered, Math.max(0, box.top - gap));
  if (delta <= 0) return;
  scrollParent(bar)?.scrollBy({ top: delta, behavior: 'instant' });
}
