import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

/** DMS engines that are databases reached over a network connection DMS can encrypt with SSL. */
export const DATABASE_ENGINES: ReadonlySet<string> = new Set([
  "aurora",
  "aurora-postgresql",
  "aurora-serverless",
  "aurora-postgresql-serverless",
  "azuredb",
  "azure-sql-managed-instance",
  "babelfish",
  "db2",
  "db2-zos",
  "docdb",
  "mariadb",
  "mongodb",
  "mysql",
  "oracle",
  "postgres",
  "redshift",
  "redshift-serverless",
  "sqlserver",
  "sybase",
]);

export const dmsEndpointSslEnabled = resourcePolicy({
  name: "dms-endpoint-ssl-enabled",
  concern: "dms",
  description:
    'DMS endpoints to database engines use SSL (sslMode other than "none"), so rows and credentials do not cross the network in clear text between the replication instance and the database.',
  control: "Security Hub DMS.9",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    const engine = props.engineName;
    if (typeof engine !== "string" || !DATABASE_ENGINES.has(engine)) return;
    const mode = props.sslMode;
    if (mode === undefined) {
      report(`sslMode is not set (DMS defaults to "none"); set sslMode: "verify-full" (or "require")`);
    } else if (mode === "none") {
      report(`sslMode is "none" for engine ${show(engine)}; set sslMode: "verify-full" (or "require")`);
    }
  },
});
