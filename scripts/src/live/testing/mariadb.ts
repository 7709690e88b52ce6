/** A real MariaDB on loopback for the live tests, in its own temporary directory (servers.ts). */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { serverLocations } from "./locations.js";
import {
  chownTree,
  freePort,
  makeCertificate,
  makeDir,
  readLog,
  run,
  serverRunAs,
  spawnFailure,
  TEST_USER,
  track,
  untrack,
  waitFor,
} from "./processes.js";
import type { ServerSettings } from "./settings.js";

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
  const runAs = serverRunAs();
  if ("error" in runAs) throw new Error(runAs.error);
  const user = runAs.user;
  const dir = makeDir("dms-live-mariadb-", user);
  const data = join(dir, "data");
  const socket = join(dir, "mariadb.sock");
  const logFile = join(dir, "error.log");
  const port = await freePort();
  const key = `mariadb:${dir}`;
  let child: ReturnType<typeof spawn> | undefined;
  track(key, dir, () => child?.kill("SIGKILL"));
  try {
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
      dir,
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    untrack(key);
    throw error;
  }
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
    const ids = user ? { uid: user.uid, gid: user.gid } : {};
    const started = spawn(mariadbd, args, { stdio: "ignore", cwd: dir, ...ids });
    child = started;
    // A spawn that fails emits "error" (and no "exit" to wait for); unhandled, it would end the run.
    let failed: string | undefined;
    started.once("error", (error) => {
      failed = spawnFailure(mariadbd, error, user);
    });
    started.once("exit", (code, signal) => {
      failed ??= `exited at start (${signal ?? `exit ${code}`})`;
    });
    await waitFor(
      "mariadbd",
      async () => {
        const c = await admin();
        await c.end();
        return true;
      },
      60_000,
      () => readLog(logFile),
      () => failed,
    );
  };
  const stopServer = async () => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null || current.pid === undefined) return;
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
        untrack(key);
      }
    },
  };
}
