import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

const IN_TRANSIT = ["require", "verify-ca", "verify-full"];

export const dmsS3EndpointSsl = resourcePolicy({
  name: "dms-s3-endpoint-ssl",
  concern: "dms",
  description:
    'DMS S3 endpoints define in-transit encryption: sslMode is "require", "verify-ca" or "verify-full", so objects and credentials travel to S3 over TLS.',
  control: "checkov CKV_AWS_299",
  enforcementLevel: "mandatory",
  types: [T.dmsS3Endpoint],
  validate: (props, _args, report) => {
    const mode = props.sslMode;
    if (typeof mode !== "string" || !IN_TRANSIT.includes(mode)) {
      report(
        `sslMode is ${mode === undefined ? "not set" : JSON.stringify(mode)}; set sslMode: "require" (S3 endpoints use TLS to S3)`,
      );
    }
  },
});
