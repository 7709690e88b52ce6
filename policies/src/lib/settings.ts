import { ENVIRONMENTS, type Environment } from "@dms-platform/config";
import type { PolicyConfigSchema } from "@pulumi/policy";

/** Config schema of policies that need the stack's environment (every env config file sets it). */
export const environmentSchema: PolicyConfigSchema = {
  properties: {
    environment: {
      type: "string",
      enum: [...ENVIRONMENTS],
      description: "The stack's environment; resources must be tagged and named for it.",
    },
  },
  required: ["environment"],
};

export interface EnvironmentSetting {
  environment: Environment;
}
