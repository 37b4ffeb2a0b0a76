/** Where the PostgreSQL binaries are, or null with the reason. */
export function findPostgres(): { bin: string | null; reason: string | null };
/** Starts a throwaway cluster (or returns the running one). */
export function startPostgres(): Promise<{ url: string; port: number; dataDir: string; bin: string; started: boolean }>;
/** Stops the throwaway cluster and removes it; false when none was running. */
export function stopPostgres(): boolean;
