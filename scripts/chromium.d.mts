/** Flags for a headless Chromium on a machine with no network but the package registries. */
export declare const CHROMIUM_ARGS: string[];
/** The path of a Chromium executable, or throws an error that says how to get one. */
export declare function findChromium(): string;
