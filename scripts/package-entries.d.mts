/** One public entry of the package. */
export interface PackageEntry {
  /** The package export, e.g. `./core`. */
  subpath: string;
  /** The output file under dist/, without extension. */
  out: string;
  /** The source module. */
  source: string;
  /** Whether the entry is a React client module. */
  client: boolean;
}
/** One line per public entry. */
export declare const ENTRIES: readonly PackageEntry[];
/** Source files and folders whose modules are React client modules ("use client"). */
export declare const CLIENT_LAYERS: readonly string[];
/** Whether a source path (relative to the repository, with `src/`) is a client module. */
export declare function isClientSource(file: string): boolean;
/** Whether a path under dist/ (e.g. `components/clickwrap-modal.js`) is a client module. */
export declare function isClientOutput(file: string): boolean;
