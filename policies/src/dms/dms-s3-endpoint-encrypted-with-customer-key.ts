import { customerKeyProblem } from "../lib/kms.js";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const dmsS3EndpointEncryptedWithCustomerKey = resourcePolicy({
  name: "dms-s3-endpoint-encrypted-with-customer-key",
  concern: "dms",
  description:
    'DMS S3 endpoints write with encryptionMode "SSE_KMS" and a customer managed key (serverSideEncryptionKmsKeyId): the files DMS writes are full copies of the migrated tables.',
  control: "checkov CKV_AWS_298",
  enforcementLevel: "mandatory",
  types: [T.dmsS3Endpoint],
  validate: (props, _args, report) => {
    if (props.encryptionMode !== "SSE_KMS") {
      report(
        `${describe("encryptionMode", props.encryptionMode, 'DMS defaults to "SSE_S3"')}; set encryptionMode: "SSE_KMS" with serverSideEncryptionKmsKeyId set to a customer managed KMS key's ARN`,
      );
      return;
    }
    const problem = customerKeyProblem(
      "serverSideEncryptionKmsKeyId",
      props.serverSideEncryptionKmsKeyId,
      "S3 uses the AWS managed aws/s3 key",
    );
    if (problem) report(problem);
  },
});
