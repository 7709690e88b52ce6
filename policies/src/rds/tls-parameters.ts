// Which parameter forces TLS for each RDS engine family, and its default.
// MySQL/MariaDB/Aurora MySQL: require_secure_transport (OFF by default).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
// PostgreSQL/Aurora PostgreSQL/SQL Server: rds.force_ssl (PostgreSQL 15 and later default to 1).
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
// Oracle uses an option group (the SSL option, or native network encryption REQUIRED), judged by
// oracleTlsOptionProblem. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html

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

/**
 * Whether an engine (`mysql`, `aurora-mysql`, `sqlserver-se`) uses a default parameter group that
 * leaves TLS optional (SQL Server's default rds.force_ssl is 0).
 */
export function engineDefaultAllowsPlaintext(engine: string): boolean {
  return ["mysql", "mariadb", "aurora", "aurora-mysql"].includes(engine) || /^sqlserver-(ee|se|ex|web)$/.test(engine);
}

/** Whether an RDS engine is an Oracle edition (oracle-ee, oracle-se2, their -cdb forms, custom-oracle-*). */
export function isOracleEngine(engine: unknown): boolean {
  return typeof engine === "string" && /^(custom-)?oracle-/.test(engine);
}

interface OptionLike {
  optionName?: unknown;
  optionSettings?: unknown;
}

/**
 * Why an Oracle option group leaves connections unencrypted, or undefined: it needs the SSL option
 * (TLS 1.2: not SQLNET.SSL_VERSION "1.0", which allows TLS 1.0), or NATIVE_NETWORK_ENCRYPTION with
 * SQLNET.ENCRYPTION_SERVER REQUIRED ("Oracle Secure Sockets Layer", "Oracle native network encryption",
 * RDS User Guide: the two cannot be combined on one instance).
 */
export function oracleTlsOptionProblem(options: readonly OptionLike[]): string | undefined {
  const setting = (o: OptionLike, name: string): unknown =>
    (Array.isArray(o.optionSettings) ? (o.optionSettings as Array<{ name?: unknown; value?: unknown }>) : []).find(
      (s) => s.name === name,
    )?.value;
  const ssl = options.find((o) => o.optionName === "SSL");
  if (ssl) {
    const version = setting(ssl, "SQLNET.SSL_VERSION");
    if (typeof version === "string" && version.split(/\s*(?:or)\s*/).includes("1.0")) {
      return `the SSL option sets SQLNET.SSL_VERSION to "${version}", which lets clients use TLS 1.0; set it to "1.2"`;
    }
    return undefined;
  }
  const nne = options.find((o) => o.optionName === "NATIVE_NETWORK_ENCRYPTION");
  if (nne && String(setting(nne, "SQLNET.ENCRYPTION_SERVER")).toUpperCase() === "REQUIRED") return undefined;
  return 'options include neither SSL nor NATIVE_NETWORK_ENCRYPTION with SQLNET.ENCRYPTION_SERVER "REQUIRED", so clients connect in clear text; add { optionName: "SSL", port: 2484, optionSettings: [{ name: "SQLNET.SSL_VERSION", value: "1.2" }] }';
}

/** Whether a parameter value turns the setting on. */
export function isOn(value: unknown): boolean {
  return typeof value === "string" ? ["1", "on", "true"].includes(value.toLowerCase()) : value === 1 || value === true;
}
