import { readFileSync } from "node:fs";
import type { Connection as CoreMysqlConnection } from "mysql2";
import type mysql from "mysql2/promise";
import type pg from "pg";

// The drivers load when a connection is opened, not when the CLI starts (`plan` never needs them).
const loadPg = (): typeof pg => require("pg") as typeof pg;
const loadMysql = (): typeof mysql => require("mysql2/promise") as typeof mysql;

import { z } from "zod";
import { LiveConnectionError, LiveUsageError } from "./errors.js";

/** `--tls`: `require` encrypts without verifying the certificate, `verify-full` also checks CA and host name. */
export const TLS_MODES = ["require", "verify-full", "off"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** The URL schemes `--source` / `--target` accept. */
export type UrlScheme = "mysql" | "mariadb" | "postgres";
/** The protocol a server speaks. */
export type EngineFamily = "mysql" | "postgres";

/** Which side of the migration a connection is: names the env variable and options in messages. */
export type Side = "source" | "target";

/** A parsed `--source` / `--target`: everything needed to connect, the password included. */
export interface ConnectionSpec {
  side: Side;
  scheme: UrlScheme;
  family: EngineFamily;
  host: string;
  port: number;
  user: string;
  database: string;
  password: string | undefined;
  tls: TlsMode;
  /** CA bundle for `verify-full` (`?sslrootcert=FILE` in the URL). */
  caFile: string | undefined;
  /** Seconds to wait for the TCP connection and handshake. */
  connectTimeoutSeconds: number;
}

/** What a caller gives for one side; the password comes from the environment or a secret file. */
export interface ConnectionOptions {
  url: string;
  /** Path of a Secrets Manager secret JSON (as our database component writes it). */
  secretFile?: string;
  tls?: TlsMode;
  /** Environment to read DMS_SOURCE_PASSWORD / DMS_TARGET_PASSWORD from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_PORTS: Record<EngineFamily, number> = { mysql: 3306, postgres: 5432 };

/** Query options a URL may carry (everything else is refused, so a typo is not silently ignored). */
const urlQuerySchema = z
  .object({
    sslrootcert: z.string().min(1).optional(),
    connect_timeout: z.coerce.number().int().min(1).max(600).optional(),
  })
  .strict();

/**
 * The Secrets Manager secret our database component writes (the RDS secret shape); only the
 * password is required, the others fill what the URL leaves out.
 */
export const databaseSecretSchema = z
  .object({
    username: z.string().min(1).optional(),
    password: z.string().min(1),
    host: z.string().optional(),
    port: z.coerce.number().int().optional(),
    dbname: z.string().optional(),
    engine: z.string().optional(),
  })
  .passthrough();

function passwordVariable(side: Side): string {
  return side === "source" ? "DMS_SOURCE_PASSWORD" : "DMS_TARGET_PASSWORD";
}

/** Parse `--source`/`--target` and resolve the password; throws LiveUsageError with the option named. */
export function parseConnection(side: Side, options: ConnectionOptions): ConnectionSpec {
  const option = `--${side}`;
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new LiveUsageError(
      `${option}: not a URL (got "${options.url}"); expected mysql://, mariadb:// or postgres://user@host:port/database`,
    );
  }
  const protocol = url.protocol.replace(/:$/, "");
  const scheme: UrlScheme | undefined =
    protocol === "mysql" || protocol === "mariadb"
      ? protocol
      : protocol === "postgres" || protocol === "postgresql"
        ? "postgres"
        : undefined;
  if (!scheme) {
    throw new LiveUsageError(`${option}: scheme must be mysql://, mariadb:// or postgres:// (got "${protocol}://")`);
  }
  if (url.password !== "") {
    throw new LiveUsageError(
      `${option}: the URL carries a password; remove it and set ${passwordVariable(side)} or pass --${side}-secret-file ` +
        "(command lines are visible in the process list and shell history)",
    );
  }
  const family: EngineFamily = scheme === "postgres" ? "postgres" : "mysql";
  if (url.hostname === "") throw new LiveUsageError(`${option}: the URL names no host`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (database === "" || database.includes("/")) {
    throw new LiveUsageError(`${option}: the URL must name one database (user@host:port/database)`);
  }
  const query = urlQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    const key = issue?.path.join(".") || (issue && "keys" in issue ? String(issue.keys) : "");
    throw new LiveUsageError(
      `${option}: URL option ${key}: ${issue?.message ?? "invalid"} (accepted: sslrootcert, connect_timeout)`,
    );
  }

  let secretUser: string | undefined;
  let password: string | undefined;
  if (options.secretFile) {
    let raw: string;
    try {
      raw = readFileSync(options.secretFile, "utf8");
    } catch {
      throw new LiveUsageError(`--${side}-secret-file: cannot read ${options.secretFile}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new LiveUsageError(`--${side}-secret-file: ${options.secretFile} is not JSON`);
    }
    const secret = databaseSecretSchema.safeParse(json);
    if (!secret.success) {
      const issue = secret.error.issues[0];
      throw new LiveUsageError(
        `--${side}-secret-file: ${options.secretFile}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
      );
    }
    secretUser = secret.data.username;
    password = secret.data.password;
  } else {
    const fromEnv = (options.env ?? process.env)[passwordVariable(side)];
    password = fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  }
  const user = url.username !== "" ? decodeURIComponent(url.username) : secretUser;
  if (!user) throw new LiveUsageError(`${option}: the URL names no user (user@host:port/database)`);

  const tls = options.tls ?? "require";
  if (query.data.sslrootcert && tls !== "verify-full") {
    throw new LiveUsageError(`${option}: sslrootcert is only used with --tls verify-full`);
  }
  return {
    side,
    scheme,
    family,
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? DEFAULT_PORTS[family] : Number(url.port),
    user,
    database,
    password,
    tls,
    caFile: query.data.sslrootcert,
    connectTimeoutSeconds: query.data.connect_timeout ?? 10,
  };
}

/** `source mariadb://dms@127.0.0.1:3306/dmslab`: how a connection is named in reports and errors. */
export function describeConnection(spec: ConnectionSpec): string {
  return `${spec.side} ${spec.scheme}://${spec.user}@${spec.host}:${spec.port}/${spec.database}`;
}

/** A raw value as the drivers return it with our options: text, bytes, a number (MySQL ints/floats) or NULL. */
export type RawValue = string | number | bigint | Buffer | null | Record<string, unknown> | unknown[];
export type Row = Record<string, RawValue>;

/** The little a live check needs from a database connection, the same for both protocols. */
export interface LiveClient {
  readonly spec: ConnectionSpec;
  readonly family: EngineFamily;
  /** Metadata queries: rows as objects keyed by (lower-case) column alias. `?` placeholders. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Data queries: rows as arrays in select-list order. `?` placeholders. */
  queryArrays(sql: string, params?: readonly unknown[]): Promise<RawValue[][]>;
  /**
   * Stream a query's rows in batches (a server-side cursor on PostgreSQL, a streamed result
   * on MySQL), so a table without a key can be read without holding it in memory.
   */
  streamArrays(sql: string, batchSize: number, onBatch: (rows: RawValue[][]) => Promise<void> | void): Promise<void>;
  /** Quote an identifier for this engine. */
  ident(name: string): string;
  close(): Promise<void>;
}

function connectionFailure(spec: ConnectionSpec, error: unknown): LiveConnectionError {
  let err = error as { message?: string; code?: string; errors?: unknown[] };
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  if ((!err.message || err.message === "") && Array.isArray(err.errors) && err.errors.length > 0) {
    err = err.errors[0] as typeof err;
  }
  const code = err.code ?? "";
  let what = (err.message ?? String(error)).split("\n")[0] ?? "";
  if (code === "ECONNREFUSED") what = "connection refused (is the server running and the port open?)";
  else if (code === "ETIMEDOUT" || /timeout/i.test(what)) what = "timed out (security group, route or NACL?)";
  else if (code === "ENOTFOUND" || code === "EAI_AGAIN") what = "host name does not resolve";
  else if (code !== "" && !what.includes(code)) what = `${what} (${code})`;
  return new LiveConnectionError(
    `${spec.side}: cannot connect to ${spec.scheme} at ${spec.host}:${spec.port} as ${spec.user}: ${what}`,
  );
}

function tlsOptions(spec: ConnectionSpec): { rejectUnauthorized: boolean; ca?: string } | undefined {
  if (spec.tls === "off") return undefined;
  if (spec.tls === "require") return { rejectUnauthorized: false };
  let ca: string | undefined;
  if (spec.caFile) {
    try {
      ca = readFileSync(spec.caFile, "utf8");
    } catch {
      throw new LiveUsageError(`--${spec.side}: cannot read sslrootcert ${spec.caFile}`);
    }
  }
  return ca === undefined ? { rejectUnauthorized: true } : { rejectUnauthorized: true, ca };
}

/** Turn `?` placeholders into `$1, $2, ...` (our SQL never has `?` inside literals). */
function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// Every PostgreSQL value arrives as the server's text form; normalise.ts decides what it means.
const rawText: pg.CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as pg.CustomTypesConfig["getTypeParser"],
};

async function connectPostgres(spec: ConnectionSpec): Promise<LiveClient> {
  const client = new (loadPg().Client)({
    host: spec.host,
    port: spec.port,
    user: spec.user,
    database: spec.database,
    password: spec.password,
    ssl: tlsOptions(spec) ?? false,
    connectionTimeoutMillis: spec.connectTimeoutSeconds * 1000,
    types: rawText,
    application_name: "dms-platform",
  });
  // An idle-connection error after connect must not crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SET TimeZone = 'UTC'");
    await client.query("SET extra_float_digits = 1");
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionFailure(spec, error);
  }
  return {
    spec,
    family: "postgres",
    async query(sql, params = []) {
      const result = await client.query(numberPlaceholders(sql), params as unknown[]);
      return result.rows as Row[];
    },
    async queryArrays(sql, params = []) {
      const result = await client.query({
        text: numberPlaceholders(sql),
        values: params as unknown[],
        rowMode: "array",
      });
      return result.rows as RawValue[][];
    },
    async streamArrays(sql, batchSize, onBatch) {
      await client.query("BEGIN READ ONLY");
      try {
        await client.query(`DECLARE dms_platform_cursor NO SCROLL CURSOR FOR ${sql}`);
        for (;;) {
          const result = await client.query({ text: `FETCH ${batchSize} FROM dms_platform_cursor`, rowMode: "array" });
          if (result.rows.length === 0) break;
          await onBatch(result.rows as RawValue[][]);
          if (result.rows.length < batchSize) break;
        }
      } finally {
        await client.query("ROLLBACK").catch(() => undefined);
      }
    },
    ident: (name) => `"${name.replace(/"/g, '""')}"`,
    close: () => client.end().catch(() => undefined),
  };
}

async function connectMysql(spec: ConnectionSpec): Promise<LiveClient> {
  let connection: mysql.Connection;
  try {
    connection = await loadMysql().createConnection({
      host: spec.host,
      port: spec.port,
      user: spec.user,
      database: spec.database,
      password: spec.password,
      ssl: tlsOptions(spec),
      connectTimeout: spec.connectTimeoutSeconds * 1000,
      // Values as exact text: dates and timestamps unconverted, BIGINT/DECIMAL as strings.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
      charset: "utf8mb4",
    });
    connection.on("error", () => undefined);
    // TIMESTAMP columns are stored in UTC and shown in the session time zone: read them in UTC.
    await connection.query("SET time_zone = '+00:00'");
  } catch (error) {
    throw connectionFailure(spec, error);
  }
  return {
    spec,
    family: "mysql",
    async query(sql, params = []) {
      const [result] = await connection.query({ sql, values: params as unknown[] });
      // A CALL answers one result set per SELECT the procedure runs, then an OK packet
      // (`[[rows], ResultSetHeader]`); the rows callers want are the first result set's.
      // A statement without rows (DDL) answers a bare ResultSetHeader.
      const rows = !Array.isArray(result) ? [] : Array.isArray(result[0]) ? result[0] : result;
      return (rows as Record<string, RawValue>[]).map((row) => {
        const lower: Row = {};
        for (const [key, value] of Object.entries(row)) lower[key.toLowerCase()] = value;
        return lower;
      });
    },
    async queryArrays(sql, params = []) {
      const [rows] = await connection.query({ sql, values: params as unknown[], rowsAsArray: true });
      return rows as unknown as RawValue[][];
    },
    streamArrays(sql, batchSize, onBatch) {
      // The callback connection underneath the promise wrapper streams rows with back-pressure.
      // (present at runtime on every promise connection, missing from mysql2's typings)
      const core = (connection as unknown as { connection: CoreMysqlConnection }).connection;
      return new Promise<void>((resolve, reject) => {
        let batch: RawValue[][] = [];
        let failed = false;
        const stream = core.query({ sql, rowsAsArray: true }).stream({ highWaterMark: batchSize });
        const flush = async () => {
          const rows = batch;
          batch = [];
          if (rows.length > 0) await onBatch(rows);
        };
        stream.on("data", (row: RawValue[]) => {
          batch.push(row);
          if (batch.length >= batchSize) {
            stream.pause();
            flush().then(
              () => stream.resume(),
              (error: unknown) => {
                failed = true;
                stream.destroy();
                reject(error);
              },
            );
          }
        });
        stream.on("error", (error: unknown) => {
          if (!failed) reject(error);
        });
        stream.on("end", () => {
          if (!failed) flush().then(resolve, reject);
        });
      });
    },
    ident: (name) => `\`${name.replace(/`/g, "``")}\``,
    close: () => connection.end().catch(() => undefined),
  };
}

/** Connect with the spec's TLS mode; a failure becomes one LiveConnectionError line. */
export async function connect(spec: ConnectionSpec): Promise<LiveClient> {
  return spec.family === "postgres" ? connectPostgres(spec) : connectMysql(spec);
}
