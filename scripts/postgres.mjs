#!/usr/bin/env node
// A THROWAWAY PostgreSQL cluster for tests and benchmarks: a temp data directory, trust auth,
// 127.0.0.1 on a free port, fsync on (so benchmarks measure durable commits).
//
//   node scripts/postgres.mjs start      starts one (or reuses the running one); prints PG_TEST_URL=…
//   node scripts/postgres.mjs stop       stops it and removes its directory (idempotent)
//   node scripts/postgres.mjs status     prints PG_TEST_URL=… or exits 1
//
// initdb refuses to run as root, so as root the cluster runs as the `postgres` user (runuser).
// Binaries: $PG_BIN (only there, when set), else /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/N/bin, else `pg_config --bindir`.
// State (data dir, port) is kept in .tmp/postgres.json at the repository root.
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stateFile = path.join(root, '.tmp', 'postgres.json');

/** Where the PostgreSQL binaries are, or null (with why) when there are none. */
export function findPostgres() {
  const debian = '/usr/lib/postgresql';
  const installed = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debian, v, 'bin'))
    : [];
  // PG_BIN, when set, is the only place looked at (so it can also say "none here").
  const candidates = process.env.PG_BIN ? [process.env.PG_BIN] : ['/usr/lib/postgresql/15/bin', ...installed];
  if (!process.env.PG_BIN) {
    try {
      candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
    } catch {
      // no pg_config on PATH
    }
  }
  for (const dir of candidates) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')))
      return { bin: dir, reason: null };
  }
  return {
    bin: null,
    reason: `no initdb/pg_ctl in ${candidates.filter(Boolean).join(', ')} (install Debian's postgresql package or set PG_BIN)`,
  };
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function run(bin, tool, args) {
  const file = path.join(bin, tool);
  const [command, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function readState() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return null;
  }
}

const urlOf = (state) => `postgres://postgres@127.0.0.1:${state.port}/postgres`;

/** Whether the cluster in `state` answers. */
function running(state) {
  if (!state) return false;
  try {
    run(state.bin, 'pg_ctl', ['status', '-D', state.dataDir]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a throwaway cluster, or returns the one already running. With `ephemeral`, the cluster is
 * private to the caller (tests, benchmarks): no state file is read or written, so concurrent runs
 * never share or stop each other's cluster; stop it with the returned `stop()`.
 * @param {{ ephemeral?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, dataDir: string, bin: string, started: boolean, stop: () => void }>}
 */
export async function startPostgres({ ephemeral = false } = {}) {
  const existing = ephemeral ? null : readState();
  if (running(existing))
    return { ...existing, url: urlOf(existing), started: false, stop: () => stopCluster(existing) };
  const { bin, reason } = findPostgres();
  if (!bin) throw new Error(`PostgreSQL not available: ${reason}.`);
  const dir = mkdtempSync(path.join(tmpdir(), 'clickwrap-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const state = { bin, dir, dataDir, port: 0 };
  try {
    run(bin, 'initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-instructions',
    ]);
    state.port = await freePort();
    const options = `-p ${state.port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=60 -c shared_buffers=64MB`;
    run(bin, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]);
  } catch (error) {
    stopCluster(state);
    throw error;
  }
  if (!ephemeral) {
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }
  return { ...state, url: urlOf(state), started: true, stop: () => stopCluster(state) };
}

/** Stops a cluster (fast, then immediate if that fails) and removes its directory. */
function stopCluster(state) {
  if (running(state)) {
    try {
      run(state.bin, 'pg_ctl', ['stop', '-D', state.dataDir, '-m', 'fast', '-w', '-t', '60']);
    } catch {
      run(state.bin, 'pg_ctl', ['stop', '-D', state.dataDir, '-m', 'immediate', '-w', '-t', '60']);
    }
  }
  rmSync(state.dir, { recursive: true, force: true });
}

/** Stops the cluster `start` left running and removes it; does nothing when none is running. */
export function stopPostgres() {
  const state = readState();
  if (!state) return false;
  stopCluster(state);
  rmSync(stateFile, { force: true });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  try {
    if (command === 'start') {
      const pg = await startPostgres();
      console.error(
        pg.started
          ? `PostgreSQL started in ${pg.dataDir} on port ${pg.port}.`
          : `PostgreSQL already running on port ${pg.port}.`,
      );
      console.log(`PG_TEST_URL=${pg.url}`);
    } else if (command === 'stop') {
      console.error(
        stopPostgres() ? 'PostgreSQL stopped and removed.' : 'No throwaway PostgreSQL was running.',
      );
    } else if (command === 'status') {
      const state = readState();
      if (!running(state)) {
        console.error('No throwaway PostgreSQL is running.');
        process.exit(1);
      }
      console.log(`PG_TEST_URL=${urlOf(state)}`);
    } else {
      console.error('Usage: node scripts/postgres.mjs start | stop | status');
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
