import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsEndpointSslEnabled } from "./dms-endpoint-ssl-enabled.js";

const endpoint = (inputs: Record<string, unknown>) => ({ type: T.dmsEndpoint, inputs });

describePolicy(dmsEndpointSslEnabled, {
  passes: [
    { title: "a MySQL endpoint with verify-full", fixture: endpoint({ engineName: "mysql", sslMode: "verify-full" }) },
    { title: "a PostgreSQL endpoint with require", fixture: endpoint({ engineName: "postgres", sslMode: "require" }) },
    { title: "a Kinesis endpoint (not a database engine)", fixture: endpoint({ engineName: "kinesis" }) },
    {
      title: "a Kafka endpoint over sasl-ssl",
      fixture: endpoint({ engineName: "kafka", kafkaSettings: { broker: "b:9096", securityProtocol: "sasl-ssl" } }),
    },
    {
      title: "an OpenSearch endpoint over https",
      fixture: endpoint({
        engineName: "opensearch",
        elasticsearchSettings: {
          endpointUri: "https://search-x.eu-west-1.es.amazonaws.com",
          serviceAccessRoleArn: "r",
        },
      }),
    },
    { title: "an Oracle endpoint with verify-ca", fixture: endpoint({ engineName: "oracle", sslMode: "verify-ca" }) },
    { title: "a SQL Server endpoint with require", fixture: endpoint({ engineName: "sqlserver", sslMode: "require" }) },
  ],
  fails: [
    {
      title: "a MySQL endpoint with sslMode none",
      fixture: endpoint({ engineName: "mysql", sslMode: "none" }),
      messages: ['sslMode is "none" for engine "mysql"; set sslMode: "verify-full" (or "require")'],
    },
    {
      title: "an Aurora PostgreSQL endpoint that leaves sslMode unset",
      fixture: endpoint({ engineName: "aurora-postgresql" }),
      messages: ['sslMode is not set (DMS defaults to "none"); set sslMode: "verify-full" (or "require")'],
    },
    {
      title: "a Kafka endpoint over plaintext",
      fixture: endpoint({ engineName: "kafka", kafkaSettings: { broker: "b:9092", securityProtocol: "plaintext" } }),
      messages: [
        'kafkaSettings.securityProtocol is "plaintext" for engine "kafka": rows reach the brokers in clear text; set "ssl-encryption", "ssl-authentication" or "sasl-ssl"',
      ],
    },
    {
      title: "an OpenSearch endpoint over http",
      fixture: endpoint({
        engineName: "opensearch",
        elasticsearchSettings: { endpointUri: "http://search-x.eu-west-1.es.amazonaws.com", serviceAccessRoleArn: "r" },
      }),
      messages: [
        'elasticsearchSettings.endpointUri "http://search-x.eu-west-1.es.amazonaws.com" is plain HTTP: rows reach the domain in clear text; use the domain\'s https:// endpoint',
      ],
    },
    {
      title: "an Oracle endpoint with verify-full, which DMS does not support for Oracle",
      fixture: endpoint({ engineName: "oracle", sslMode: "verify-full" }),
      messages: [
        'sslMode is "verify-full", which DMS does not support for engine "oracle"; set sslMode: "verify-ca" with certificateArn, the Oracle wallet imported into DMS (DMS supports no other SSL mode for Oracle)',
      ],
    },
    {
      title: "a SQL Server endpoint with verify-ca",
      fixture: endpoint({ engineName: "sqlserver", sslMode: "verify-ca" }),
      messages: [
        'sslMode is "verify-ca", which DMS does not support for engine "sqlserver"; set sslMode: "verify-full" (or "require"); DMS does not support verify-ca for SQL Server',
      ],
    },
    {
      title: "an Oracle endpoint with sslMode none",
      fixture: endpoint({ engineName: "oracle", sslMode: "none" }),
      messages: [
        'sslMode is "none" for engine "oracle"; set sslMode: "verify-ca" with certificateArn, the Oracle wallet imported into DMS (DMS supports no other SSL mode for Oracle)',
      ],
    },
  ],
  unknown: { fixture: endpoint({ engineName: "mysql", sslMode: UNKNOWN }), path: "sslMode" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
