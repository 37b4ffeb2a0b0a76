'use client';
/**
 * react-clickwrap: the headless hooks and the themed components. Every module here is a client
 * module; the framework-free layer is `react-clickwrap/core`.
 *
 * The surface is kept small on purpose (at most 60 names, checked by `public-api.test.ts` and
 * the API report in `etc/`): the reducer, its actions and the shapes of nested fields stay
 * internal. A part's props type is `ComponentProps<typeof Part>`; a nested field's type is an
 * indexed access, e.g. `UseClickwrapResult['missingRequirements'][number]`.
 */
export * from './hooks';
export * from './components';
