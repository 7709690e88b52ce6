import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  RedshiftDataClient,
  type SqlParameter,
} from "@aws-sdk/client-redshift-data";
import { AWS_MAX_ATTEMPTS, AwsSetupError, guarded } from "../aws.js";
import { describeWarehouse, type WarehouseTarget } from "./warehouse.js";

/**
 * Row counts on a Redshift warehouse through the Redshift Data API (no network path to port 5439
 * needed, no driver): ExecuteStatement with the warehouse's secret, DescribeStatement until the
 * statement finishes, GetStatementResult page by page (Redshift Data API reference). The statements
 * are read-only: one catalogue query, then `COUNT(*)` of the tables found.
 */

/** A table as the warehouse is asked for it: the name DMS gave it there. */
export interface WarehouseTableName {
  schema: string;
  table: string;
}

/** Statement states the Data API documents (DescribeStatement `Status`). */
const DONE = new Set(["FINISHED", "FAILED", "ABORTED"]);

/** Tables per `UNION ALL` statement (a Data API statement is one SQL statement of at most 100 KB). */
const COUNTS_PER_STATEMENT = 50;

export interface RedshiftCountOptions {
  /** Waits between DescribeStatement calls (tests: no wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Give up on a statement after this long. @default 600000 (10 min) */
  timeoutMs?: number;
  now?: () => number;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

const fieldText = (f: Field | undefined): string =>
  f === undefined || f.isNull ? "" : String(f.stringValue ?? f.longValue ?? f.doubleValue ?? f.booleanValue ?? "");

/** Run one statement to the end and return every record of its result. */
async function runStatement(
  client: RedshiftDataClient,
  warehouse: WarehouseTarget,
  sql: string,
  parameters: SqlParameter[],
  options: RedshiftCountOptions,
): Promise<Field[][]> {
  const target =
    warehouse.compute.kind === "cluster"
      ? { ClusterIdentifier: warehouse.compute.clusterIdentifier }
      : { WorkgroupName: warehouse.compute.workgroupName };
  const started = await guarded("redshift-data:ExecuteStatement", () =>
    client.send(
      new ExecuteStatementCommand({
        ...target,
        Database: warehouse.database,
        SecretArn: warehouse.secretArn,
        Sql: sql,
        ...(parameters.length > 0 ? { Parameters: parameters } : {}),
        StatementName: "dms-platform validate",
      }),
    ),
  );
  const id = started.Id;
  if (!id) throw new AwsSetupError("redshift-data:ExecuteStatement: AWS answered without a statement Id");
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 600_000);
  let wait = 250;
  for (;;) {
    const described = await guarded("redshift-data:DescribeStatement", () =>
      client.send(new DescribeStatementCommand({ Id: id })),
    );
    const status = described.Status ?? "";
    if (status === "FINISHED") break;
    if (DONE.has(status)) {
      throw new AwsSetupError(
        `redshift-data: statement ${id} on ${describeWarehouse(warehouse)} ${status}: ${described.Error ?? "no error given"} (${sql.slice(0, 120)}${sql.length > 120 ? "..." : ""})`,
      );
    }
    if (now() >= deadline) {
      throw new AwsSetupError(
        `redshift-data: statement ${id} on ${describeWarehouse(warehouse)} still ${status || "without status"} after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`,
      );
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 2000);
  }
  const records: Field[][] = [];
  let token: string | undefined;
  do {
    const page = await guarded("redshift-data:GetStatementResult", () =>
      client.send(new GetStatementResultCommand({ Id: id, ...(token ? { NextToken: token } : {}) })),
    );
    records.push(...(page.Records ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return records;
}

/** `schema.table` as a map key: Redshift folds unquoted names to lower case. */
export const warehouseKey = (name: WarehouseTableName) => `${name.schema}.${name.table}`.toLowerCase();

/**
 * Count the rows of each table on the warehouse. A table the catalogue does not list is `null`
 * (missing); the key is `warehouseKey` of the name asked for.
 */
export async function countWarehouseRows(
  client: RedshiftDataClient,
  warehouse: WarehouseTarget,
  tables: readonly WarehouseTableName[],
  options: RedshiftCountOptions = {},
): Promise<Map<string, number | null>> {
  const counts = new Map<string, number | null>(tables.map((t) => [warehouseKey(t), null]));
  if (tables.length === 0) return counts;
  // Redshift folds identifiers to lower case unless enable_case_sensitive_identifier is on, and DMS
  // creates names unquoted unless the endpoint's CaseSensitiveNames is true (DMS User Guide,
  // CHAP_Target.Redshift; Redshift Database Developer Guide, "Names and identifiers"): the
  // catalogue is matched case-insensitively and the names it returns are the ones counted.
  const schemas = [...new Set(tables.map((t) => t.schema.toLowerCase()))];
  const catalogue = await runStatement(
    client,
    warehouse,
    `SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND lower(table_schema) IN (${schemas.map((_, i) => `:s${i}`).join(", ")})`,
    schemas.map((value, i) => ({ name: `s${i}`, value })),
    options,
  );
  const found = new Map<string, WarehouseTableName>();
  for (const row of catalogue) {
    const name = { schema: fieldText(row[0]), table: fieldText(row[1]) };
    if (counts.has(warehouseKey(name))) found.set(warehouseKey(name), name);
  }
  const present = [...found.entries()];
  for (let i = 0; i < present.length; i += COUNTS_PER_STATEMENT) {
    const chunk = present.slice(i, i + COUNTS_PER_STATEMENT);
    const sql = chunk
      .map(([, n], j) => `SELECT ${j} AS n, COUNT(*) AS c FROM ${quote(n.schema)}.${quote(n.table)}`)
      .join(" UNION ALL ");
    for (const row of await runStatement(client, warehouse, sql, [], options)) {
      const entry = chunk[Number(fieldText(row[0]))];
      if (entry) counts.set(entry[0], Number(fieldText(row[1])));
    }
  }
  return counts;
}

/** A Data API client for one region, retrying as the other operate clients do. */
export function redshiftDataClient(region: string): RedshiftDataClient {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  return new RedshiftDataClient({ region, retryMode: "adaptive", maxAttempts: AWS_MAX_ATTEMPTS });
}
