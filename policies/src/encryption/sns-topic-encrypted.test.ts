import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { snsTopicEncrypted } from "./sns-topic-encrypted.js";

describePolicy(snsTopicEncrypted, {
  passes: [
    {
      title: "a topic on a customer key",
      fixture: {
        type: T.snsTopic,
        inputs: { kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      },
    },
  ],
  fails: [
    {
      title: "an unencrypted topic",
      fixture: { type: T.snsTopic, inputs: {} },
      messages: [
        "kmsMasterKeyId is not set (SNS stores messages unencrypted); set kmsMasterKeyId to a customer managed KMS key's ARN",
      ],
    },
    {
      title: "a topic on the AWS managed key (alarms cannot publish to it)",
      fixture: { type: T.snsTopic, inputs: { kmsMasterKeyId: "alias/aws/sns" } },
      messages: [
        `kmsMasterKeyId is "alias/aws/sns", an AWS managed key; set kmsMasterKeyId to a customer managed KMS key's ARN`,
      ],
    },
  ],
  unknown: { fixture: { type: T.snsTopic, inputs: { kmsMasterKeyId: UNKNOWN } }, path: "kmsMasterKeyId" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
