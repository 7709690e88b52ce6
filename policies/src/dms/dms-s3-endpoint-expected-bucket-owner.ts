import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const dmsS3EndpointExpectedBucketOwner = resourcePolicy({
  name: "dms-s3-endpoint-expected-bucket-owner",
  concern: "dms",
  description:
    "DMS S3 target endpoints name the account that must own the bucket (expectedBucketOwner), so DMS never writes migrated tables to a bucket of the same name another account created (bucket sniping).",
  control: "DMS User Guide, CHAP_Target.S3: preventing bucket sniping (no Security Hub or checkov control)",
  enforcementLevel: "mandatory",
  types: [T.dmsS3Endpoint],
  validate: (props, _args, report) => {
    if (props.endpointType === "source") return;
    const owner = props.expectedBucketOwner;
    if (typeof owner !== "string" || !/^\d{12}$/.test(owner)) {
      report(
        `${describe("expectedBucketOwner", owner)}; set expectedBucketOwner to the 12-digit id of the account that owns the bucket (aws.getCallerIdentity's accountId)`,
      );
    }
  },
});
