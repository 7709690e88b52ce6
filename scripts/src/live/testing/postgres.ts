/** A real PostgreSQL on loopback for the live tests, in its own temporary directory (servers.ts). */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { serverLocations } from "./locations.js";
import { freePort, makeCertificate, makeDir, readLog, run, serverRunAs, track, untrack } from "./processes.js";
import type { ServerSettings } from "./settings.js";

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
  const { initdb, pgCtl } = located.binaries;
  const runAs = serverRunAs();
  if ("error" in runAs) throw new Error(runAs.error);
  const user = runAs.user;
  const dir = makeDir("dms-live-pg-", user);
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  const key = `pg:${dir}`;
  const pidOf = () => Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  track(key, dir, () => {
    if (existsSync(join(data, "postmaster.pid"))) process.kill(pidOf(), "SIGQUIT");
  });
  try {
    run(
      initdb,
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
      `initdb (${located.binaries.from})`,
      dir,
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    untrack(key);
    throw error;
  }
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
    try {
      run(pgCtl, ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", options, "start"], user, "pg_ctl start", dir);
    } catch (error) {
      // pg_ctl only says "could not start server"; the reason is in the server's log.
      if (error instanceof Error) error.message += `\nserver log: ${readLog(logFile).slice(-800)}`;
      throw error;
    }
  };
  const stopServer = () => {
    if (existsSync(join(data, "postmaster.pid"))) {
      run(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"], user, "pg_ctl stop", dir);
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
        untrack(key);
      }
    },
  };
}
