/**
 * Process hygiene for the live-test servers: the user they run as, running their tools with a
 * clear message for every failure (a spawn that fails has no stderr to show), temporary
 * directories that user can use, and cleanup of everything started or copied here when the test
 * process exits or is killed.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TEST_USER = process.env.DMS_LIVE_TEST_USER ?? "dmstest";
const TLS_FIXTURES = join(__dirname, "..", "..", "..", "fixtures", "live", "tls");

/** The user the servers run as when it is not this process's (as root: the dedicated test user). */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/** `undefined` (this process's user) or the test user; `error` when root cannot make that user. */
export type ServerUser = { user: RunAs | undefined } | { error: string };

let serverUser: ServerUser | undefined;

/** The uid/gid servers run as: the current user, or (as root, which the servers refuse) the test user, created if missing. */
export function serverRunAs(): ServerUser {
  serverUser ??= findServerUser();
  return serverUser;
}

function findServerUser(): ServerUser {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { user: undefined };
  const id = (flag: string) => spawnSync("id", [flag, TEST_USER], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    const made = spawnSync("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", TEST_USER], { encoding: "utf8" });
    if (made.status !== 0) {
      const why = made.error?.message ?? (made.stderr ?? "").trim();
      return {
        error: `cannot create the test user ${TEST_USER} (the servers refuse to run as root): ${why || `useradd exit ${made.status}`}; run \`tools/ci-databases.sh install\` as root, or the tests as another user`,
      };
    }
  }
  return { user: { name: TEST_USER, uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) } };
}

/** " as dmstest" when the command runs as another user, for messages. */
function asWhom(user: RunAs | undefined): string {
  return user ? ` as ${user.name}` : "";
}

/**
 * Why a spawn failed, in words: the error code and, where the fix is known, what to do. EACCES as
 * another user is almost always a private parent directory (/root is mode 700).
 */
export function spawnFailure(command: string, error: Error, user: RunAs | undefined): string {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === "EACCES" && user
      ? `: ${user.name} cannot reach or execute it (a parent directory not readable by others, such as /root?)`
      : code === "ENOENT"
        ? ": no such file, or its interpreter or loader is missing"
        : "";
  return `cannot run ${command}${asWhom(user)} (${code ?? error.message})${hint}`;
}

/**
 * Run a server tool to completion as `user`, in `cwd` (a directory that user can enter: the
 * repository may sit under a private parent), and return its stdout; throw an error naming the
 * tool, the user and the cause on any failure, including one to start it.
 */
export function run(command: string, args: string[], user: RunAs | undefined, what: string, cwd = tmpdir()): string {
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const result = spawnSync(command, args, { encoding: "utf8", ...ids, cwd, timeout: 120_000 });
  if (result.error) throw new Error(`${what} failed: ${spawnFailure(command, result.error, user)}`);
  if (result.status !== 0) {
    const output = ((result.stderr ?? "") || (result.stdout ?? "")).trim();
    const exit = result.status === null ? `killed by ${result.signal}` : `exit ${result.status}`;
    throw new Error(`${what} failed (${command}${asWhom(user)}, ${exit}): ${output.slice(-800) || "(no output)"}`);
  }
  return result.stdout ?? "";
}

export function chownTree(path: string, user: RunAs | undefined): void {
  if (!user) return;
  chownSync(path, user.uid, user.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, user);
    else chownSync(child, user.uid, user.gid);
  }
}

/** A free TCP port on loopback (bind port 0, read it back, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// --- cleanup on exit, even when a test run dies --------------------------------------------

const live = new Map<string, { dir: string; kill: () => void }>();
let handlersInstalled = false;

function cleanupAllSync(): void {
  for (const [key, entry] of live) {
    try {
      entry.kill();
    } catch {
      // already gone
    }
    rmSync(entry.dir, { recursive: true, force: true });
    live.delete(key);
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", cleanupAllSync);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      cleanupAllSync();
      process.kill(process.pid, signal);
    });
  }
}

/** Remove `dir` (after calling `kill`) when the process exits, unless `untrack(key)` came first. */
export function track(key: string, dir: string, kill: () => void = () => undefined): void {
  installHandlers();
  live.set(key, { dir, kill });
}

export function untrack(key: string): void {
  live.delete(key);
}

/** A new temporary directory (mode 755) owned by the server user. */
export function makeDir(prefix: string, user: RunAs | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

/**
 * The test certificate for localhost (scripts/fixtures/live/tls, self-signed, valid until 2126,
 * committed so no openssl is needed) copied into `dir`: cert.pem and key.pem owned by the server
 * user, the key 0600 as both servers demand.
 */
export function makeCertificate(dir: string, user: RunAs | undefined): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  copyFileSync(join(TLS_FIXTURES, "localhost-cert.pem"), cert);
  copyFileSync(join(TLS_FIXTURES, "localhost-key.pem"), key);
  chmodSync(key, 0o600);
  if (user) {
    chownSync(key, user.uid, user.gid);
    chownSync(cert, user.uid, user.gid);
  }
  return { cert, key };
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  log: () => string,
  /** Why waiting is pointless (the process died), or undefined to go on. */
  gaveUp: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = gaveUp();
    if (dead) throw new Error(`${what} ${dead}: ${log().slice(-800)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not start within ${timeoutMs / 1000}s: ${log().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "(no log)";
}
