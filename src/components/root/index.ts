// The clickwrap root: provider, store, contexts and the helpers every part shares.
export * from './context';
export * from './helpers';
export * from './provider';
export * from './root';
export { splitRootProps } from './split-props';
export type { ClickwrapStore } from './store';
