/** Where the PostgreSQL binaries are, or null with the reason. */
export function findPostgres(): { bin: string | null; reason: string | null };
/** Starts a throwaway cluster (or returns the running one); `ephemeral` keeps it private to the caller. */
export function startPostgres(options?: { ephemeral?: boolean }): Promise<{
  url: string;
  port: number;
  dataDir: string;
  bin: string;
  started: boolean;
  /** Stops this cluster and removes its directory. */
  stop: () => void;
}>;
/** Stops the throwaway cluster `start` left running and removes it; false when none was running. */
export function stopPostgres(): boolean;
