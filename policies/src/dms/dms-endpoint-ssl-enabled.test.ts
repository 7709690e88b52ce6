import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsEndpointSslEnabled } from "./dms-endpoint-ssl-enabled.js";

const endpoint = (inputs: Record<string, unknown>) => ({ type: T.dmsEndpoint, inputs });

describePolicy(dmsEndpointSslEnabled, {
  passes: [
    { title: "a MySQL endpoint with verify-full", fixture: endpoint({ engineName: "mysql", sslMode: "verify-full" }) },
    { title: "a PostgreSQL endpoint with require", fixture: endpoint({ engineName: "postgres", sslMode: "require" }) },
    { title: "a Kinesis endpoint (not a database engine)", fixture: endpoint({ engineName: "kinesis" }) },
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
  ],
  unknown: { fixture: endpoint({ engineName: "mysql", sslMode: UNKNOWN }), path: "sslMode" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
