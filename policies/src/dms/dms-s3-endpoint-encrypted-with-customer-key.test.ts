import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsS3EndpointEncryptedWithCustomerKey } from "./dms-s3-endpoint-encrypted-with-customer-key.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const s3 = (inputs: Record<string, unknown>) => ({ type: T.dmsS3Endpoint, inputs });

describePolicy(dmsS3EndpointEncryptedWithCustomerKey, {
  passes: [
    {
      title: "an S3 endpoint with SSE_KMS and a customer key",
      fixture: s3({ encryptionMode: "SSE_KMS", serverSideEncryptionKmsKeyId: KEY }),
    },
  ],
  fails: [
    {
      title: "an S3 endpoint on the default SSE_S3",
      fixture: s3({ bucketName: "landing" }),
      messages: [
        `encryptionMode is not set (DMS defaults to "SSE_S3"); set encryptionMode: "SSE_KMS" with serverSideEncryptionKmsKeyId set to a customer managed KMS key's ARN`,
      ],
    },
    {
      title: "SSE_KMS without a key",
      fixture: s3({ encryptionMode: "SSE_KMS" }),
      messages: [
        "serverSideEncryptionKmsKeyId is not set (S3 uses the AWS managed aws/s3 key); set serverSideEncryptionKmsKeyId to a customer managed KMS key's ARN",
      ],
    },
  ],
  unknown: {
    fixture: s3({ encryptionMode: "SSE_KMS", serverSideEncryptionKmsKeyId: UNKNOWN }),
    path: "serverSideEncryptionKmsKeyId",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
