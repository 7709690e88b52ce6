/**
 * Test harness: real PostgreSQL and MariaDB servers on loopback, each in its own temporary
 * directory, run as an unprivileged user (CI runs as root; the servers refuse to). Every
 * server started here is stopped and its directory removed by `stop()`, and, should a test
 * run die first, by the process exit/signal handlers registered below.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParameterRequirement } from "@dms-platform/database/cdc-parameters";
import mysql from "mysql2/promise";
import pg from "pg";

const INSTALL_HINT = "run `tools/ci-databases.sh install` (as root) to install PostgreSQL, MariaDB and the test user";
const TEST_USER = process.env.DMS_LIVE_TEST_USER ?? "dmstest";

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

function findBinary(names: string[], extraDirs: string[]): string | undefined {
  for (const name of names) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found) return found;
    for (const dir of extraDirs) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function postgresBinDir(): string {
  const initdb = findBinary(["initdb"], []);
  const pgCtl = findBinary(["pg_ctl"], []);
  if (initdb && pgCtl) return "";
  const debian = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
        .find((d) => existsSync(join(d, "pg_ctl")))
    : undefined;
  if (!debian) throw new Error(`PostgreSQL binaries (initdb, pg_ctl) not found: ${INSTALL_HINT}`);
  return debian;
}

/** The uid/gid servers run as: the current user, or (as root) the dedicated test user, created if missing. */
function runAs(): RunAs | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, TEST_USER], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    const made = spawnSync("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", TEST_USER], { encoding: "utf8" });
    if (made.status !== 0)
      throw new Error(`cannot create test user ${TEST_USER}: ${made.stderr.trim()}; ${INSTALL_HINT}`);
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

/** A self-signed certificate for localhost in `dir` (cert.pem, key.pem owned by the server user, 0600). */
function makeCertificate(dir: string, user: RunAs | undefined): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  if (!findBinary(["openssl"], [])) throw new Error(`openssl not found: ${INSTALL_HINT}`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
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
  const bin = postgresBinDir();
  const tool = (name: string) => (bin ? join(bin, name) : name);
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
  const mariadbd = findBinary(["mariadbd", "mysqld"], ["/usr/sbin", "/usr/libexec"]);
  const installDb = findBinary(["mariadb-install-db", "mysql_install_db"], ["/usr/bin", "/usr/scripts"]);
  if (!mariadbd || !installDb)
    throw new Error(`MariaDB binaries (mariadbd, mariadb-install-db) not found: ${INSTALL_HINT}`);
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
