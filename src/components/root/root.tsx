'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { dataFlag } from '../../internal/merge-props';
import { useClickwrapConfig, useClickwrapState } from './context';
import { useCx } from './helpers';
import { ClickwrapProvider, type ClickwrapProviderProps } from './provider';
import { splitRootProps } from './split-props';

// Its documentation is on the public name, in src/components/public-parts.ts.
export function useRootAttributes(): Record<string, string | undefined> {
  const config = useClickwrapConfig('ClickwrapRoot');
  const { cw, declined } = useClickwrapState('ClickwrapRoot');
  return {
    'data-state': cw.status,
    'data-reached-end': dataFlag(cw.scroll.reachedEnd),
    'data-can-accept': dataFlag(cw.canAccept),
    'data-minor': dataFlag(cw.guardian?.required ?? false),
    'data-declined': dataFlag(declined),
    'data-reconsent': dataFlag(config.reconsent !== null),
    'data-theme': config.theme,
    dir: config.dir,
    lang: config.locale,
  };
}

/** Props of `ClickwrapRootElement`: a themed element's attributes. */
export interface ClickwrapRootElementProps extends HTMLAttributes<HTMLDivElement> {
  /** The element to render. @default 'div' */
  as?: 'div' | 'section' | 'main' | 'article';
}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ClickwrapRootElement = forwardRef<HTMLDivElement, ClickwrapRootElementProps>(
  function ClickwrapRootElement({ as: Tag = 'div', className, children, ...rest }, ref) {
    const attributes = useRootAttributes();
    const cx = useCx();
    return (
      <Tag ref={ref} {...attributes} className={cx('root', className)} {...rest}>
        {children}
      </Tag>
    );
  },
);

/** Props of `ClickwrapRoot`: the provider's and the root element's. */
export interface ClickwrapRootProps
  extends ClickwrapProviderProps, Omit<ClickwrapRootElementProps, 'children' | 'dir' | 'onChange'> {}

// Its documentation is on the public name, in src/components/public-parts.ts.
export const ClickwrapRoot = forwardRef<HTMLDivElement, ClickwrapRootProps>(
  function ClickwrapRoot(props, ref) {
    const [providerProps, elementProps] = splitRootProps(props);
    return (
      <ClickwrapProvider {...providerProps}>
        <ClickwrapRootElement ref={ref} {...elementProps}>
          {props.children}
        </ClickwrapRootElement>
      </ClickwrapProvider>
    );
  },
);
