import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsS3EndpointExpectedBucketOwner } from "./dms-s3-endpoint-expected-bucket-owner.js";

const s3 = (inputs: Record<string, unknown>) => ({ type: T.dmsS3Endpoint, inputs });

describePolicy(dmsS3EndpointExpectedBucketOwner, {
  passes: [
    {
      title: "a target naming the owning account",
      fixture: s3({ endpointType: "target", expectedBucketOwner: "111122223333" }),
    },
    { title: "a source endpoint (reads, never writes)", fixture: s3({ endpointType: "source" }) },
  ],
  fails: [
    {
      title: "a target without expectedBucketOwner",
      fixture: s3({ endpointType: "target", bucketName: "lake" }),
      messages: [
        "expectedBucketOwner is not set; set expectedBucketOwner to the 12-digit id of the account that owns the bucket (aws.getCallerIdentity's accountId)",
      ],
    },
  ],
  unknown: { fixture: s3({ endpointType: "target", expectedBucketOwner: UNKNOWN }), path: "expectedBucketOwner" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
