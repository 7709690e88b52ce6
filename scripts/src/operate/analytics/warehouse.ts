import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The warehouse `validate` and `cutover-check` count rows in, read from the foundation stack's
 * `warehouse` output (`pulumi stack output warehouse --json` in stacks/foundation, or the whole
 * `pulumi stack output --json` holding it). Only what the Redshift Data API needs is read: the
 * provisioned cluster's identifier, or a Redshift Serverless workgroup's name when the output has
 * one, the database, and the admin secret (`{ username, password, ... }`, the shape the Data API
 * reads through `SecretArn`: Redshift Data API reference, ExecuteStatement).
 */
export interface WarehouseTarget {
  /** Where the statements run: a provisioned cluster, or a Serverless workgroup. */
  compute: { kind: "cluster"; clusterIdentifier: string } | { kind: "workgroup"; workgroupName: string };
  database: string;
  secretArn: string;
  /** The file it was read from, for messages. */
  file: string;
}

/** A bad --warehouse file: the message names the file and the key. */
export class WarehouseFileError extends Error {
  override readonly name = "WarehouseFileError";
}

const warehouseSchema = z.object({
  engine: z.string().optional(),
  identifier: z.string().min(1).optional(),
  workgroupName: z.string().min(1).optional(),
  databaseName: z.string().min(1),
  secretArn: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, {
    message: "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)",
  }),
});

/** What `pulumi stack output --json` prints for a secret it does not show. */
const HIDDEN = "[secret]";

/** Read and check a --warehouse file. */
export function readWarehouseFile(file: string, shownAs = file): WarehouseTarget {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new WarehouseFileError(
      `${shownAs}: ${err instanceof Error ? err.message : String(err)} (write it with \`pulumi stack output warehouse --json\` in stacks/foundation)`,
    );
  }
  // Either the `warehouse` output itself or every output of the stack.
  const holder = typeof parsed === "object" && parsed !== null && "warehouse" in parsed;
  const value = holder ? (parsed as { warehouse: unknown }).warehouse : parsed;
  const prefix = holder ? "warehouse." : "";
  const result = warehouseSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    throw new WarehouseFileError(
      `${shownAs}: ${prefix}${path}: ${issue?.message ?? "invalid"}${path === "secretArn" && JSON.stringify(value).includes(HIDDEN) ? " (the output was printed without --show-secrets)" : ""}`,
    );
  }
  const w = result.data;
  if (w.engine !== undefined && !/^redshift/.test(w.engine)) {
    throw new WarehouseFileError(`${shownAs}: ${prefix}engine: must be a Redshift warehouse (got "${w.engine}")`);
  }
  // A Serverless warehouse is addressed by its workgroup's name; a provisioned one by its cluster.
  const compute: WarehouseTarget["compute"] | undefined = w.workgroupName
    ? { kind: "workgroup", workgroupName: w.workgroupName }
    : w.identifier
      ? { kind: "cluster", clusterIdentifier: w.identifier }
      : undefined;
  if (!compute) {
    throw new WarehouseFileError(
      `${shownAs}: ${prefix}identifier: is required (the cluster identifier, or workgroupName for Redshift Serverless)`,
    );
  }
  return { compute, database: w.databaseName, secretArn: w.secretArn, file: shownAs };
}

/** `cluster dev-analytics-dwh, database analytics` */
export function describeWarehouse(w: Pick<WarehouseTarget, "compute" | "database">): string {
  const where =
    w.compute.kind === "cluster" ? `cluster ${w.compute.clusterIdentifier}` : `workgroup ${w.compute.workgroupName}`;
  return `Redshift ${where}, database ${w.database}`;
}
