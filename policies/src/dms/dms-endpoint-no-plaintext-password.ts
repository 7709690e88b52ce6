import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject, isSet } from "../lib/values.js";

export const dmsEndpointNoPlaintextPassword = resourcePolicy({
  name: "dms-endpoint-no-plaintext-password",
  concern: "dms",
  description:
    "DMS endpoints read database credentials from Secrets Manager (secretsManagerArn with secretsManagerAccessRoleArn), never from a password property: a password input is stored in the Pulumi state and the DMS API, and cannot be rotated without a deployment.",
  control: "AWS MDAA DMS constructs: endpoint credentials from Secrets Manager only",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    // The value is never echoed: it is a secret even when the program did not mark it as one.
    if (isSet(props.password)) {
      report(
        "password is set (a plaintext password); remove it and set secretsManagerArn and secretsManagerAccessRoleArn",
      );
    }
    if (isSet(asObject(props.redisSettings)?.authPassword)) {
      report(
        "redisSettings.authPassword is set (a plaintext password); remove it and keep the credential in Secrets Manager",
      );
    }
  },
});
