import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { kmsKeyRotationEnabled } from "./kms-key-rotation-enabled.js";

describePolicy(kmsKeyRotationEnabled, {
  passes: [
    { title: "a rotating symmetric key", fixture: { type: T.kmsKey, inputs: { enableKeyRotation: true } } },
    {
      title: "an asymmetric signing key (cannot rotate)",
      fixture: { type: T.kmsKey, inputs: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } },
    },
  ],
  fails: [
    {
      title: "a symmetric key without rotation",
      fixture: { type: T.kmsKey, inputs: { description: "orders data" } },
      messages: ["enableKeyRotation is not set (AWS defaults to false); set enableKeyRotation: true"],
    },
  ],
  unknown: { fixture: { type: T.kmsKey, inputs: { enableKeyRotation: UNKNOWN } }, path: "enableKeyRotation" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
