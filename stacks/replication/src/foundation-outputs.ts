import { ConfigError, stackConfigFile } from "@dms-platform/config";
import * as pulumi from "@pulumi/pulumi";
import { foundationTargetOutput, PROJECT, type ReplicationConfig } from "./config.js";

/** A database as the foundation stack exports it (see stacks/foundation DatabaseOutputs). */
export interface FoundationDatabase {
  address: string;
  port: number;
  engine: string;
  databaseName: string;
  secretArn: string;
  secretKmsKeyArn: string;
  securityGroupId: string;
}

type Database = Exclude<ReplicationConfig["migration"]["target"], { s3: unknown }>;

/** A name quoted, with every character outside printable ASCII written as its code point. */
function visible(name: string): string {
  const escaped = [...name]
    .map((c) => (/[\x20-\x7e]/.test(c) ? c : `\\u{${(c.codePointAt(0) as number).toString(16)}}`))
    .join("");
  return `"${escaped}"`;
}

/** Where a source is, for the check that it is not the target: a foundation output, or a host and port. */
export type SourceLocation =
  | { key: string; output: pulumi.Output<FoundationDatabase> }
  | { key: string; hostname: string; port: number };

/**
 * The foundation's outputs as this stack reads them, checked: a missing output, a database whose
 * engine is not the migration's, or a source that is the target itself is a ConfigError naming
 * this stack's file and the key that made it read the output (the SDK's own errors name neither).
 * The checks run where the outputs resolve, as they would under `pulumi preview`.
 */
export function foundationReader(
  foundation: pulumi.StackReference,
  config: Pick<ReplicationConfig, "foundationStack">,
) {
  const file = stackConfigFile(pulumi.getStack());
  const key = (k: string) => `${PROJECT}:${k}`;
  const require = <T>(output: string, readBy: string): pulumi.Output<T> =>
    foundation.getOutput(output).apply((value: unknown) => {
      if (value === undefined || value === null) {
        throw new ConfigError(
          file,
          key(readBy),
          `reads the output "${output}" of the foundation stack ${config.foundationStack}, which has none: declare it in that foundation (its Pulumi.<env>.yaml) and update it first, or read another output`,
        );
      }
      return value as T;
    });
  /**
   * A named entry of a map output (`targets.claims`: the foundation's further target `claims`): a
   * missing map or entry names the entries the foundation has.
   */
  const entry = <T>(output: string, name: string, readBy: string): pulumi.Output<T> =>
    foundation.getOutput(output).apply((value: unknown) => {
      const map = value !== null && typeof value === "object" ? (value as Record<string, T>) : {};
      const found = map[name];
      if (found === undefined || found === null) {
        const names = Object.keys(map);
        throw new ConfigError(
          file,
          key(readBy),
          `must name a database of the foundation stack ${config.foundationStack}'s ${output} (${names.length > 0 ? `it has ${names.join(", ")}` : "it has none"}): declare it as dms-platform-foundation:${output}.${name} in that foundation (its Pulumi.<env>.yaml) and update it first, or name one it has (got "${name}")`,
        );
      }
      return found;
    });
  const database = (output: string, expected: Database, databaseKey: string, readBy: string) =>
    (output.startsWith("targets.")
      ? entry<FoundationDatabase>("targets", output.slice("targets.".length), readBy)
      : require<FoundationDatabase>(output, readBy)
    ).apply((d) => {
      if (d.engine !== expected.engine) {
        throw new ConfigError(
          file,
          key(`${databaseKey}.engine`),
          `must be the engine of the foundation's ${output} database, ${d.engine}: the migration and the database it reads must agree (got "${expected.engine}")`,
        );
      }
      // Compared character for character (a homoglyph, `dmsIab` for `dmslab`, is another database),
      // except where the engine folds case (SQL Server's default collation, Oracle's upper-case names).
      // A foundation older than the export (no databaseName) is not judged.
      const foldsCase = /^(oracle|sqlserver)/.test(d.engine);
      const same = (a: string, b: string) => (foldsCase ? a.toUpperCase() === b.toUpperCase() : a === b);
      if (typeof d.databaseName === "string" && !same(d.databaseName, expected.databaseName)) {
        throw new ConfigError(
          file,
          key(`${databaseKey}.databaseName`),
          `must be the name of the foundation's ${output} database, ${visible(d.databaseName)}: the migration and the database it reads must agree (got ${visible(expected.databaseName)})`,
        );
      }
      return d;
    });
  return {
    /** A plain output (vpcId, privateSubnetIds...), required. */
    require,
    /** The foundation's database `output`, which must run the engine the migration's `databaseKey` names. */
    database,
    /**
     * The foundation's target, which no source may be (same host and port): DMS would read and
     * write one database, and a full load would truncate the tables it reads.
     */
    target(expected: Database, sources: SourceLocation[]): pulumi.Output<FoundationDatabase> {
      // A Redshift target is the foundation's warehouse (dms-platform-foundation:warehouse); a named
      // one is an entry of its further targets (dms-platform-foundation:targets.<name>).
      const output = foundationTargetOutput(expected);
      const readBy = expected.foundationTarget !== undefined ? "migration.target.foundationTarget" : "migration.target";
      const target = database(output, expected, "migration.target", readBy);
      const located: pulumi.Output<{ key: string; hostname: string; port: number }>[] = sources.map((s) =>
        "output" in s
          ? s.output.apply((d) => ({ key: s.key, hostname: d.address, port: Number(d.port) }))
          : pulumi.output({ key: s.key, hostname: s.hostname, port: s.port }),
      );
      return pulumi.all([target, pulumi.all(located)]).apply(([t, found]) => {
        const same = found.find(
          (s) => s.hostname.toLowerCase() === t.address.toLowerCase() && s.port === Number(t.port),
        );
        if (same) {
          throw new ConfigError(
            file,
            key(same.key),
            `is the migration's target itself (${t.address}:${t.port}): a source must be another database`,
          );
        }
        return t;
      });
    },
  };
}

export type FoundationReader = ReturnType<typeof foundationReader>;
