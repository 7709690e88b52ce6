import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { secretRotationEnabled } from "./secret-rotation-enabled.js";

const secret: ResourceSpec = { type: T.secret, name: "src-credentials", inputs: { name: "prod/orders/src" } };
const MESSAGE =
  "no aws.secretsmanager.SecretRotation has secretId set to this secret; add one with rotationRules (for example automaticallyAfterDays: 30)";

describePolicy(secretRotationEnabled, {
  passes: [
    {
      title: "a secret rotated through its id",
      fixture: [
        secret,
        {
          type: T.secretRotation,
          name: "rotation",
          inputs: { secretId: "[id]", rotationRules: { automaticallyAfterDays: 30 } },
          propertyDependencies: { secretId: ["src-credentials"] },
        },
      ],
    },
    {
      title: "a secret rotated by name",
      fixture: [
        secret,
        {
          type: T.secretRotation,
          inputs: { secretId: "prod/orders/src", rotationRules: { automaticallyAfterDays: 30 } },
        },
      ],
    },
  ],
  fails: [
    { title: "a secret never rotated", fixture: [secret], messages: [MESSAGE] },
    {
      title: "a secret whose rotation rotates another secret",
      fixture: [secret, { type: T.secretRotation, inputs: { secretId: "prod/orders/tgt" } }],
      messages: [MESSAGE],
    },
  ],
  unknown: { fixture: [secret, { type: T.secretRotation, inputs: { secretId: UNKNOWN } }], path: "secretId" },
  levels: { dev: "advisory", test: "advisory", prod: "advisory" },
});
