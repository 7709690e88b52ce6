import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { cloudtrailValidationAndKms } from "./cloudtrail-validation-and-kms.js";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const trail = (inputs: Record<string, unknown>) => ({
  type: T.cloudtrail,
  inputs: { name: "prod-orders-audit", s3BucketName: "prod-orders-audit-trail", isMultiRegionTrail: true, ...inputs },
});

describePolicy(cloudtrailValidationAndKms, {
  passes: [
    {
      title: "a validated trail with a customer key",
      fixture: trail({ enableLogFileValidation: true, kmsKeyId: KEY }),
    },
  ],
  fails: [
    {
      title: "a trail with neither validation nor a key",
      fixture: trail({}),
      messages: [
        "enableLogFileValidation is not set; set enableLogFileValidation: true",
        "kmsKeyId is not set (log files get SSE-S3 only); set kmsKeyId to a customer-managed KMS key ARN whose policy lets cloudtrail.amazonaws.com GenerateDataKey",
      ],
    },
    {
      title: "a trail with validation turned off",
      fixture: trail({ enableLogFileValidation: false, kmsKeyId: KEY }),
      messages: ["enableLogFileValidation is false; set enableLogFileValidation: true"],
    },
  ],
  unknown: { fixture: trail({ enableLogFileValidation: UNKNOWN, kmsKeyId: KEY }), path: "enableLogFileValidation" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
