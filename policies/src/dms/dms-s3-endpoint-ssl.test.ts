import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsS3EndpointSsl } from "./dms-s3-endpoint-ssl.js";

const s3 = (inputs: Record<string, unknown>) => ({
  type: T.dmsS3Endpoint,
  inputs: { endpointId: "dev-app-s3-dms", bucketName: "b", ...inputs },
});

describePolicy(dmsS3EndpointSsl, {
  passes: [{ title: "an S3 endpoint requiring SSL", fixture: s3({ sslMode: "require" }) }],
  fails: [
    {
      title: "an S3 endpoint without sslMode",
      fixture: s3({}),
      messages: ['sslMode is not set; set sslMode: "require" (S3 endpoints use TLS to S3)'],
    },
    {
      title: "an S3 endpoint with sslMode none",
      fixture: s3({ sslMode: "none" }),
      messages: ['sslMode is "none"; set sslMode: "require" (S3 endpoints use TLS to S3)'],
    },
  ],
  unknown: { fixture: s3({ sslMode: UNKNOWN }), path: "sslMode" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
