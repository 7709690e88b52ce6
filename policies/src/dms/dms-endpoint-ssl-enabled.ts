import type { ReportViolation } from "@pulumi/policy";
import { type Props, resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject, show } from "../lib/values.js";

/**
 * DMS engines that are databases reached over a network connection DMS can encrypt with SSL. Not
 * Redshift: "SSL connections to Amazon Redshift target endpoints aren't supported" (every mode but
 * none is "SSL not enabled"); a Redshift endpoint already connects over SSL and loads through S3,
 * encrypted by Redshift (DMS User Guide, CHAP_Security.SSL.md). The warehouse's own require_ssl is
 * judged by redshift-tls-required.
 */
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
  "sqlserver",
  "sybase",
]);

/**
 * A Kafka target's transport: `kafkaSettings.securityProtocol` takes plaintext, ssl-authentication,
 * ssl-encryption or sasl-ssl (terraform-provider-aws internal/service/dms/endpoint.go, validated
 * against the DMS API's KafkaSecurityProtocol values); plaintext sends every row in clear text.
 */
function kafkaTransport(props: Props, report: ReportViolation): void {
  const protocol = asObject(props.kafkaSettings)?.securityProtocol;
  if (protocol === "plaintext") {
    report(
      'kafkaSettings.securityProtocol is "plaintext" for engine "kafka": rows reach the brokers in clear text; set "ssl-encryption", "ssl-authentication" or "sasl-ssl"',
    );
  }
}

/** An OpenSearch/Elasticsearch target reached over `http://` carries every row in clear text. */
function searchTransport(props: Props, report: ReportViolation): void {
  const uri = asObject(props.elasticsearchSettings)?.endpointUri;
  if (typeof uri === "string" && /^http:\/\//i.test(uri)) {
    report(
      `elasticsearchSettings.endpointUri ${show(uri)} is plain HTTP: rows reach the domain in clear text; use the domain's https:// endpoint`,
    );
  }
}

/**
 * The SSL modes DMS supports for Oracle and SQL Server besides "none" (the table of the DMS User
 * Guide's CHAP_Security.SSL.md): Oracle only verify-ca, against an Oracle wallet imported as the
 * endpoint's certificate; SQL Server require and verify-full, not verify-ca. Every other database
 * engine takes require, verify-ca and verify-full.
 */
export const ENGINE_SSL_MODES: Readonly<Record<string, { modes: readonly string[]; fix: string }>> = {
  oracle: {
    modes: ["verify-ca"],
    fix: 'set sslMode: "verify-ca" with certificateArn, the Oracle wallet imported into DMS (DMS supports no other SSL mode for Oracle)',
  },
  sqlserver: {
    modes: ["require", "verify-full"],
    fix: 'set sslMode: "verify-full" (or "require"); DMS does not support verify-ca for SQL Server',
  },
};
const DEFAULT_FIX = 'set sslMode: "verify-full" (or "require")';

export const dmsEndpointSslEnabled = resourcePolicy({
  name: "dms-endpoint-ssl-enabled",
  concern: "dms",
  description:
    'DMS endpoints to database engines use SSL (sslMode other than "none"), Kafka targets a TLS security protocol (not "plaintext") and OpenSearch targets an https:// endpoint, so rows and credentials do not cross the network in clear text between the replication instance and the database; Oracle and SQL Server endpoints use a mode DMS supports for them (Oracle verify-ca; SQL Server require or verify-full: DMS User Guide, CHAP_Security.SSL).',
  control: "Security Hub DMS.9",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    const engine = props.engineName;
    if (engine === "kafka") return kafkaTransport(props, report);
    if (engine === "elasticsearch" || engine === "opensearch") return searchTransport(props, report);
    if (typeof engine !== "string" || !DATABASE_ENGINES.has(engine)) return;
    const fix = ENGINE_SSL_MODES[engine]?.fix ?? DEFAULT_FIX;
    const mode = props.sslMode;
    if (mode === undefined) {
      report(`sslMode is not set (DMS defaults to "none"); ${fix}`);
    } else if (mode === "none") {
      report(`sslMode is "none" for engine ${show(engine)}; ${fix}`);
    } else if (typeof mode === "string" && ENGINE_SSL_MODES[engine] && !ENGINE_SSL_MODES[engine].modes.includes(mode)) {
      report(`sslMode is ${show(mode)}, which DMS does not support for engine ${show(engine)}; ${fix}`);
    }
  },
});
