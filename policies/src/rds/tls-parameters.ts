// Which parameter forces TLS for each RDS engine family, and its default.
// MySQL/MariaDB/Aurora MySQL: require_secure_transport (OFF by default).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
// PostgreSQL/Aurora PostgreSQL/SQL Server: rds.force_ssl (PostgreSQL 15 and later default to 1).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
// Oracle uses an option group (SSL option), not a parameter, and is not judged here.

export interface TlsParameter {
  name: "require_secure_transport" | "rds.force_ssl";
  /** Whether the family's default parameter group already forces TLS. */
  onByDefault: boolean;
}

/** The TLS parameter of a parameter group family (`mysql8.0`, `postgres16`, `aurora-mysql8.0`), if any. */
export function tlsParameterOfFamily(family: string): TlsParameter | undefined {
  if (/^(mysql|mariadb|aurora-mysql|aurora5\.6)/.test(family)) {
    return { name: "require_secure_transport", onByDefault: false };
  }
  const pg = /^postgres(\d+)/.exec(family);
  if (pg) return { name: "rds.force_ssl", onByDefault: Number(pg[1]) >= 15 };
  if (/^aurora-postgresql/.test(family)) return { name: "rds.force_ssl", onByDefault: false };
  if (/^sqlserver/.test(family)) return { name: "rds.force_ssl", onByDefault: false };
  return undefined;
}

/** Whether an engine (`mysql`, `aurora-mysql`) uses a default parameter group that leaves TLS optional. */
export function engineDefaultAllowsPlaintext(engine: string): boolean {
  return ["mysql", "mariadb", "aurora", "aurora-mysql"].includes(engine);
}

/** Whether a parameter value turns the setting on. */
export function isOn(value: unknown): boolean {
  return typeof value === "string" ? ["1", "on", "true"].includes(value.toLowerCase()) : value === 1 || value === true;
}
