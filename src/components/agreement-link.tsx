'use client';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import type { ExtraProps } from 'react-markdown';
import { mountAllParts } from '../internal/scroll';
import { scrollAreaTo } from '../internal/scroll-area-to';
import { useClickwrapConfig } from './root/context';
import { visuallyHidden } from './root/helpers';

/**
 * A link in an agreement. It never navigates away from the consent flow, which would lose it:
 * an in-document `#anchor` moves to its section inside the scroll region without touching the
 * page's URL; every other link (http(s), mailto:, protocol-relative `//host`, a path of the
 * site) opens in a new tab, without `window.opener` or a referrer, and says so to screen
 * readers. Unsafe URLs (javascript:, data:…) arrive here already emptied by react-markdown's
 * `urlTransform` and render as plain text links with no `href`.
 */
export function AgreementLink({
  node: _node,
  href,
  children,
  onClick,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & ExtraProps) {
  const { agreement, messages, locale, sectionDomId, store } = useClickwrapConfig('AgreementView');
  if (!href) return <a {...props}>{children}</a>;

  if (href.startsWith('#')) {
    const fragment = safeDecode(href.slice(1));
    const section = agreement.sections.find((s) => s.id === fragment);
    const domId = section ? sectionDomId(section.id) : null;
    const go = (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (event.defaultPrevented) return;
      // Never the page's URL: an app's hash router would take it as a navigation.
      event.preventDefault();
      const area = store.get().scroll.scrollArea;
      let heading = domId ? area?.ownerDocument.getElementById(domId) : null;
      // The section may sit in a part not mounted yet: mount them all, then go there at once
      // (as the table of contents does).
      const justMounted = !!area && !!domId && !heading;
      if (justMounted) {
        mountAllParts(area);
        heading = area.ownerDocument.getElementById(domId);
      }
      if (!area || !heading || !area.contains(heading)) return;
      scrollAreaTo(area, heading, { gap: 8, behavior: justMounted ? 'instant' : undefined });
      heading.focus({ preventScroll: true });
    };
    return (
      <a {...props} href={domId ? `#${domId}` : href} onClick={go}>
        {children}
      </a>
    );
  }

  return (
    <a {...props} onClick={onClick} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      {/* The clickwrap's words, inside the agreement's text. */}
      <span style={visuallyHidden} lang={locale}>
        {' '}
        {messages.opensInNewTab}
      </span>
    </a>
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
