import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { describe } from "../lib/values.js";

export const kmsKeyRotationEnabled = resourcePolicy({
  name: "kms-key-rotation-enabled",
  concern: "encryption",
  description:
    "Symmetric KMS keys set enableKeyRotation: true, so the key material protecting databases, secrets and logs is rotated yearly without re-encrypting anything. (Asymmetric and HMAC keys cannot rotate and are not judged.)",
  control: "Security Hub KMS.4; checkov CKV_AWS_7",
  enforcementLevel: "mandatory",
  types: [T.kmsKey],
  validate: (props, _args, report) => {
    const spec = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT") return;
    if (props.enableKeyRotation === true) return;
    report(
      `${describe("enableKeyRotation", props.enableKeyRotation, "AWS defaults to false")}; set enableKeyRotation: true`,
    );
  },
});
