// The root moved to ./root (provider, store, split-props, re-consent wiring); this module keeps
// the old import path working for the parts that still use it.
export * from './root';
