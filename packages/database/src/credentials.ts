/**
 * The master credentials: how the password is generated and the JSON document stored in Secrets
 * Manager. Pure; the component feeds Pulumi outputs through these with `pulumi.all`.
 */
import type { MigrationDatabaseEngine } from "@dms-platform/config";
import { secretEngineName } from "./engine.js";

/**
 * `random.RandomPassword` settings. RDS master passwords may hold printable ASCII except "/",
 * "'", "\"", "@" and space (CreateDBInstance MasterUserPassword); MySQL allows at most 41
 * characters. We also leave out "\\", "`" and "$" so the value survives shells and DMS extra
 * connection attribute parsing, and ";" "{" "}" which DMS endpoint connection strings treat specially.
 */
export const MASTER_PASSWORD_SPEC = {
  length: 32,
  special: true,
  overrideSpecial: "!#%&*()-_=+[]<>:?.,^~",
  minLower: 2,
  minUpper: 2,
  minNumeric: 2,
  minSpecial: 2,
} as const;

/** Characters RDS refuses in a master password. */
export const RDS_FORBIDDEN_PASSWORD_CHARACTERS = ["/", "'", '"', "@", " "] as const;

/**
 * The secret's JSON: the Secrets Manager structure for Amazon RDS credentials (engine, host,
 * username, password, dbname, port), which is also what DMS reads through
 * `SecretsManagerSecretId` (it needs username, password, host and port; dbname is kept for
 * clients and rotation functions). Port is a number, as in the AWS structure.
 */
export interface DatabaseSecretDocument {
  engine: "mysql" | "mariadb" | "postgres" | "oracle" | "sqlserver";
  host: string;
  username: string;
  password: string;
  dbname: string;
  port: number;
}

/** Build the secret document (call it inside `pulumi.all(...).apply` so the result stays secret). */
export function databaseSecretDocument(parts: {
  engine: MigrationDatabaseEngine;
  host: string;
  port: number;
  username: string;
  password: string;
  databaseName: string;
}): DatabaseSecretDocument {
  return {
    engine: secretEngineName(parts.engine),
    host: parts.host,
    username: parts.username,
    password: parts.password,
    dbname: parts.databaseName,
    port: parts.port,
  };
}
