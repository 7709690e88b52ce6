import { createHash } from "node:crypto";
import type { TableMappings } from "@dms-platform/dms/documents";
import { type ColumnInfo, describeTables, listTables, qualified, type TableInfo, type ValueKind } from "./catalog.js";
import {
  type ConnectionOptions,
  connect,
  describeConnection,
  type LiveClient,
  parseConnection,
  type RawValue,
} from "./connection.js";
import { LiveUsageError } from "./errors.js";
import { type Canonical, canonicalValue, comparisonKind } from "./normalize.js";
import { selectionRules } from "./preflight.js";
import { literalSchemas, selectTables, targetNameOf, unmatchedRules } from "./selection.js";

export interface ValidateOptions {
  source: ConnectionOptions;
  target: ConnectionOptions;
  /** `--tables`: comma-separated `schema.table` patterns (% and _ wildcards). */
  tables?: string;
  /** `--table-mappings`: a DMS table-mapping JSON whose selection rules choose the tables. */
  tableMappingsFile?: string;
  /** Parsed table mappings (`--migration`: one per task), each selecting and naming tables as its task does. */
  tableMappings?: readonly { origin: string; mapping: TableMappings }[];
  /** Look every selected table up in this schema on the target. @default the source schema, or the mapping's renamed schema */
  targetSchema?: string;
  /** Rows per chunk of the keyed comparison. @default 10000 */
  chunkSize?: number;
  /** Called after each chunk (the command draws a progress line on a TTY). */
  progress?: (event: { table: string; rows: number; total: number }) => void;
}

export type TableStatus = "match" | "count-mismatch" | "content-mismatch" | "columns-mismatch" | "missing";

export interface FirstDifference {
  /** The chunk holding the difference: keys after `after` (exclusive; null = from the start) up to `upTo` (inclusive; null = to the end). */
  range: { after: string | null; upTo: string | null };
  /** The first differing row's key, when the chunk was diffed row by row. */
  key?: string;
  kind: "missing-on-target" | "extra-on-target" | "values-differ";
  /** Canonical row texts (truncated) for values-differ. */
  source?: string;
  target?: string;
}

export interface TableValidation {
  table: string;
  targetTable: string;
  status: TableStatus;
  sourceRows: number;
  targetRows: number | null;
  /** keyed: chunks in key order; unordered-aggregate: tables without a key (sum of row hashes). */
  method: "keyed" | "unordered-aggregate" | "none";
  key: string[];
  /** Digest of all chunks on each side (first 16 hex digits). */
  checksum?: { source: string; target: string };
  /** keyed: how many key-range chunks were compared, and how many of them differ. */
  chunks?: { compared: number; differing: number };
  firstDifference?: FirstDifference;
  detail: string;
}

export interface ValidateReport {
  command: "validate";
  source: string;
  target: string;
  tables: TableValidation[];
  summary: { tables: number; match: number; mismatch: number };
  /** True only when every table matches: exit code 0, the cutover gate. */
  ok: boolean;
}

interface ColumnPair {
  source: ColumnInfo;
  target: ColumnInfo;
  kind: ValueKind;
}

function text(value: RawValue | undefined): string {
  if (value === null || value === undefined) return "";
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
}

async function countRows(client: LiveClient, info: TableInfo): Promise<number> {
  const [row] = await client.queryArrays(
    `SELECT COUNT(*) FROM ${client.ident(info.schema)}.${client.ident(info.table)}`,
  );
  return Number(text(row?.[0] ?? null));
}

/** An ORDER BY / keyset expression: text keys compare as bytes on both engines so the orders agree. */
function keyExpression(client: LiveClient, column: ColumnInfo, kind: ValueKind): string {
  const id = client.ident(column.name);
  if (kind !== "text") return id;
  return client.family === "mysql" ? `CAST(${id} AS BINARY)` : `${id} COLLATE "C"`;
}

function keyParam(client: LiveClient, kind: ValueKind, value: Canonical): unknown {
  if (value === null) return null;
  if (kind === "binary") return Buffer.from(value, "hex");
  if (kind === "text" && client.family === "mysql") return Buffer.from(value, "utf8");
  return value;
}

function formatKey(values: readonly Canonical[]): string {
  return values.length === 1 ? String(values[0]) : `(${values.map(String).join(", ")})`;
}

interface SideQuery {
  client: LiveClient;
  info: TableInfo;
  columns: ColumnInfo[];
  keyColumns: ColumnInfo[];
}

function selectChunk(
  side: SideQuery,
  keyKinds: ValueKind[],
  after: Canonical[] | null,
  upTo: Canonical[] | null,
  limit: number,
): { sql: string; params: unknown[] } {
  const { client, info } = side;
  const keys = side.keyColumns.map((c, i) => keyExpression(client, c, keyKinds[i] ?? "other"));
  const tuple = `(${keys.join(", ")})`;
  const placeholders = `(${keys.map(() => "?").join(", ")})`;
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (values: Canonical[]) => values.map((v, i) => keyParam(client, keyKinds[i] ?? "other", v));
  if (after) {
    where.push(`${tuple} > ${placeholders}`);
    params.push(...bind(after));
  }
  if (upTo) {
    where.push(`${tuple} <= ${placeholders}`);
    params.push(...bind(upTo));
  }
  const sql =
    `SELECT ${side.columns.map((c) => client.ident(c.name)).join(", ")} ` +
    `FROM ${client.ident(info.schema)}.${client.ident(info.table)}` +
    (where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "") +
    ` ORDER BY ${keys.join(", ")} LIMIT ${limit}`;
  return { sql, params };
}

interface CanonicalRow {
  key: Canonical[];
  keyText: string;
  text: string;
}

function canonicalRows(rows: RawValue[][], kinds: ValueKind[], keyIndexes: number[]): CanonicalRow[] {
  return rows.map((row) => {
    const values = kinds.map((kind, i) => canonicalValue(kind, row[i] ?? null));
    const key = keyIndexes.map((i) => values[i] ?? null);
    return { key, keyText: JSON.stringify(key), text: JSON.stringify(values) };
  });
}

function chunkDigest(rows: CanonicalRow[]): Buffer {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(row.text).update("\n");
  return hash.digest();
}

function truncate(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}...` : s;
}

function diffChunk(source: CanonicalRow[], target: CanonicalRow[]): Omit<FirstDifference, "range"> {
  const targetByKey = new Map(target.map((r) => [r.keyText, r]));
  for (const row of source) {
    const other = targetByKey.get(row.keyText);
    if (!other) return { key: formatKey(row.key), kind: "missing-on-target" };
    if (other.text !== row.text) {
      return {
        key: formatKey(row.key),
        kind: "values-differ",
        source: truncate(row.text),
        target: truncate(other.text),
      };
    }
  }
  const sourceKeys = new Set(source.map((r) => r.keyText));
  const extra = target.find((r) => !sourceKeys.has(r.keyText));
  return extra ? { key: formatKey(extra.key), kind: "extra-on-target" } : { kind: "values-differ" };
}

async function compareKeyed(
  src: SideQuery,
  tgt: SideQuery,
  kinds: ValueKind[],
  chunkSize: number,
  total: number,
  progress: ValidateOptions["progress"],
): Promise<{
  checksum: { source: string; target: string };
  chunks: { compared: number; differing: number };
  firstDifference?: FirstDifference;
}> {
  const keyIndexes = src.keyColumns.map((k) => src.columns.indexOf(k));
  const keyKinds = keyIndexes.map((i) => kinds[i] ?? "other");
  const sourceTotal = createHash("sha256");
  const targetTotal = createHash("sha256");
  let after: Canonical[] | null = null;
  let done = 0;
  let firstDifference: FirstDifference | undefined;
  const chunks = { compared: 0, differing: 0 };
  // Every chunk is compared, also after a difference: the digests cover the whole table and the
  // count of differing chunks tells one stray row from a table that is wrong throughout.
  for (;;) {
    const sq = selectChunk(src, keyKinds, after, null, chunkSize);
    const sourceRows = canonicalRows(await src.client.queryArrays(sq.sql, sq.params), kinds, keyIndexes);
    const last = sourceRows.length === chunkSize ? (sourceRows[sourceRows.length - 1]?.key ?? null) : null;
    // The target chunk covers the same key range; the last chunk is open-ended so trailing
    // extra rows on the target show up. The limit bounds memory when the target has many extras.
    const tq = selectChunk(tgt, keyKinds, after, last, chunkSize * 2 + 1);
    const targetRows = canonicalRows(await tgt.client.queryArrays(tq.sql, tq.params), kinds, keyIndexes);
    const sd = chunkDigest(sourceRows);
    const td = chunkDigest(targetRows);
    sourceTotal.update(sd);
    targetTotal.update(td);
    chunks.compared++;
    if (!sd.equals(td)) {
      chunks.differing++;
      firstDifference ??= {
        range: { after: after ? formatKey(after) : null, upTo: last ? formatKey(last) : null },
        ...diffChunk(sourceRows, targetRows),
      };
    }
    done += sourceRows.length;
    progress?.({ table: qualified(src.info), rows: done, total });
    if (!last) break;
    after = last;
  }
  const result = {
    checksum: { source: sourceTotal.digest("hex").slice(0, 16), target: targetTotal.digest("hex").slice(0, 16) },
    chunks,
  };
  return firstDifference ? { ...result, firstDifference } : result;
}

const MOD64 = 1n << 64n;

async function aggregateUnordered(
  side: SideQuery,
  kinds: ValueKind[],
  batchSize: number,
): Promise<{ sum: bigint; rows: number }> {
  let sum = 0n;
  let rows = 0;
  const sql = `SELECT ${side.columns.map((c) => side.client.ident(c.name)).join(", ")} FROM ${side.client.ident(side.info.schema)}.${side.client.ident(side.info.table)}`;
  await side.client.streamArrays(sql, batchSize, (batch) => {
    for (const row of canonicalRows(batch, kinds, [])) {
      sum = (sum + createHash("sha256").update(row.text).digest().readBigUInt64BE(0)) % MOD64;
      rows++;
    }
  });
  return { sum, rows };
}

async function validateTable(
  source: LiveClient,
  target: LiveClient,
  info: TableInfo,
  targetInfo: TableInfo | undefined,
  options: { chunkSize: number; progress: ValidateOptions["progress"] },
): Promise<TableValidation> {
  const name = qualified(info);
  const sourceRows = await countRows(source, info);
  if (!targetInfo) {
    return {
      table: name,
      targetTable: "",
      status: "missing",
      sourceRows,
      targetRows: null,
      method: "none",
      key: [],
      detail: "the table does not exist on the target",
    };
  }
  const targetRows = await countRows(target, targetInfo);
  const pairs: ColumnPair[] = [];
  const missingColumns: string[] = [];
  for (const column of info.columns) {
    const other = targetInfo.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (!other) missingColumns.push(column.name);
    else pairs.push({ source: column, target: other, kind: comparisonKind(column.kind, other.kind) });
  }
  const base = { table: name, targetTable: qualified(targetInfo), sourceRows, targetRows };
  const countStatus: TableStatus = sourceRows === targetRows ? "content-mismatch" : "count-mismatch";
  const countText =
    sourceRows === targetRows
      ? `${sourceRows} rows on both sides`
      : `${sourceRows} rows on the source, ${targetRows} on the target`;
  if (missingColumns.length > 0) {
    return {
      ...base,
      status: "columns-mismatch",
      method: "none",
      key: [],
      detail: `the target lacks column(s) ${missingColumns.join(", ")}; ${countText}`,
    };
  }
  const kinds = pairs.map((p) => p.kind);
  const src: SideQuery = {
    client: source,
    info,
    columns: pairs.map((p) => p.source),
    keyColumns: [],
  };
  const tgt: SideQuery = {
    client: target,
    info: targetInfo,
    columns: pairs.map((p) => p.target),
    keyColumns: [],
  };
  const keyNames = info.primaryKey.length > 0 ? info.primaryKey : info.uniqueKey;
  if (keyNames.length === 0) {
    const [s, t] = await Promise.all([
      aggregateUnordered(src, kinds, options.chunkSize),
      aggregateUnordered(tgt, kinds, options.chunkSize),
    ]);
    const checksum = { source: s.sum.toString(16).padStart(16, "0"), target: t.sum.toString(16).padStart(16, "0") };
    const same = s.sum === t.sum && s.rows === t.rows;
    return {
      ...base,
      status: same ? "match" : countStatus,
      method: "unordered-aggregate",
      key: [],
      checksum,
      detail:
        `no primary or unique key: compared the sum of row hashes (order-independent), so no key range can be given; ${countText}` +
        (same ? "" : "; contents differ"),
    };
  }
  for (const keyName of keyNames) {
    const index = pairs.findIndex((p) => p.source.name === keyName);
    const pair = pairs[index];
    if (!pair) throw new LiveUsageError(`${name}: key column ${keyName} not found`);
    src.keyColumns.push(pair.source);
    tgt.keyColumns.push(pair.target);
  }
  const result = await compareKeyed(src, tgt, kinds, options.chunkSize, sourceRows, options.progress);
  const diff = result.firstDifference;
  const status: TableStatus = sourceRows !== targetRows ? "count-mismatch" : diff ? "content-mismatch" : "match";
  let detail = countText;
  if (diff) {
    const where = `keys after ${diff.range.after ?? "the first"} up to ${diff.range.upTo ?? "the last"}`;
    detail +=
      `; ${result.chunks.differing} of ${result.chunks.compared} chunk${result.chunks.compared === 1 ? "" : "s"} differ` +
      `; first difference in ${where}` +
      (diff.key ? `: key ${diff.key} ${diff.kind.replace(/-/g, " ")}` : "") +
      (diff.kind === "values-differ" && diff.source ? ` (source ${diff.source}, target ${diff.target})` : "");
  } else if (status === "count-mismatch") {
    detail += "; no differing key found in key order (duplicate keys on the target?)";
  }
  return {
    ...base,
    status,
    method: "keyed",
    key: keyNames,
    checksum: result.checksum,
    chunks: result.chunks,
    ...(diff ? { firstDifference: diff } : {}),
    detail,
  };
}

/**
 * Compare the selected tables of a source and a target: row counts, then a content checksum
 * computed chunk by chunk in key order on both sides (values normalised so MySQL/MariaDB and
 * PostgreSQL holding the same data compare equal). Throws LiveUsageError / LiveConnectionError
 * (exit 2); otherwise returns a report whose `ok` is the cutover gate.
 */
/**
 * Why validate does not compare against a Redshift target (undefined for any other target): it
 * speaks the MySQL and PostgreSQL protocols to the databases and compares keyed chunk checksums
 * with their functions, which Redshift (PostgreSQL protocol, another SQL dialect) does not run the
 * same way; a count that passed there would still be no content comparison. What can be compared
 * is said instead (docs/analytics-targets.md).
 */
export function redshiftTargetProblem(target: { host: string; port: number }): string | undefined {
  const host = target.host.toLowerCase();
  if (!/\.redshift(-serverless)?\.amazonaws\.com$/.test(host) && target.port !== 5439) return undefined;
  return `--target: ${target.host}:${target.port} is Amazon Redshift, which validate does not compare through a database URL: neither row counts nor checksums are read there this way (it compares MySQL and PostgreSQL databases only). For a Redshift target run \`validate --migration <name> --env <env> --warehouse <file>\`: row counts through the Redshift Data API (checksums are not comparable across engines); \`npm run status\` shows each table's full-load rows, inserts, updates, deletes and DMS validation state (docs/analytics-targets.md, "What validate and cutover-check compare")`;
}

export async function runValidate(options: ValidateOptions): Promise<ValidateReport> {
  const sourceSpec = parseConnection("source", options.source);
  const targetSpec = parseConnection("target", options.target);
  const redshift = redshiftTargetProblem(targetSpec);
  if (redshift) throw new LiveUsageError(redshift);
  const rules = selectionRules(options, sourceSpec);
  const chunkSize = options.chunkSize ?? 10000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1_000_000) {
    throw new LiveUsageError(`--chunk-size: must be an integer between 1 and 1000000 (got ${chunkSize})`);
  }
  const source = await connect(sourceSpec);
  let target: LiveClient | undefined;
  try {
    target = await connect(targetSpec);
    const schemas = literalSchemas(rules);
    const all = (await listTables(source)).filter((t) => schemas === undefined || schemas.includes(t.schema));
    const unmatched = unmatchedRules(rules, all);
    if (unmatched.length > 0) {
      throw new LiveUsageError(
        `--tables: no source table matches ${unmatched.map((r) => `${r.schema}.${r.table}`).join(", ")}`,
      );
    }
    const selected = await describeTables(source, selectTables(rules, all));
    const targetTables = await listTables(target);
    const results: TableValidation[] = [];
    for (const info of selected.values()) {
      const wanted = targetNameOf(rules, info);
      const wantedSchema = (options.targetSchema ?? wanted.schema).toLowerCase();
      const match = targetTables.find(
        (t) => t.schema.toLowerCase() === wantedSchema && t.table.toLowerCase() === wanted.table.toLowerCase(),
      );
      const targetInfo = match ? (await describeTables(target, [match])).get(qualified(match)) : undefined;
      results.push(await validateTable(source, target, info, targetInfo, { chunkSize, progress: options.progress }));
    }
    const match = results.filter((r) => r.status === "match").length;
    return {
      command: "validate",
      source: describeConnection(sourceSpec),
      target: describeConnection(targetSpec),
      tables: results,
      summary: { tables: results.length, match, mismatch: results.length - match },
      ok: results.length > 0 && match === results.length,
    };
  } finally {
    await source.close();
    await target?.close();
  }
}
