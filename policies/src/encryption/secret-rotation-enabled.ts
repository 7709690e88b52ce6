import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

function rotates(rotation: PolicyResource, secret: PolicyResource): boolean {
  if (rotation.propertyDependencies.secretId?.includes(secret)) return true;
  const id = rotation.props.secretId;
  return typeof id === "string" && (id === secret.props.name || id === secret.name);
}

export const secretRotationEnabled = stackPolicy({
  name: "secret-rotation-enabled",
  concern: "encryption",
  description:
    "Secrets Manager secrets have a rotation schedule (aws.secretsmanager.SecretRotation): a database password that never changes outlives the people and tools that knew it. Advisory: a migration's credentials often live only as long as the migration.",
  control: "Security Hub SecretsManager.1; checkov CKV_AWS_304",
  enforcementLevel: "advisory",
  types: [T.secret],
  validate: (args, report) => {
    const rotations = args.resources.filter((r) => r.type === T.secretRotation);
    for (const secret of args.resources) {
      if (secret.type !== T.secret) continue;
      if (rotations.some((r) => rotates(r, secret))) continue;
      report(
        "no aws.secretsmanager.SecretRotation has secretId set to this secret; add one with rotationRules (for example automaticallyAfterDays: 30)",
        secret.urn,
      );
    }
  },
});
