import { resourcePolicy } from "../lib/policy.js";
import { type EnvironmentSetting, environmentSchema } from "../lib/settings.js";
import { effectiveTags, isTaggable } from "../lib/tags.js";

export const environmentTagMatchesStack = resourcePolicy({
  name: "environment-tag-matches-stack",
  concern: "tagging",
  description:
    "The Environment tag of every taggable resource equals the stack's environment (the policy config's environment), so a dev definition promoted to prod cannot carry dev's tags into prod's cost and access reports. A missing tag is left to required-tags-present.",
  control: "dms-platform tagging rules (Environment = stack environment)",
  enforcementLevel: "mandatory",
  configSchema: environmentSchema,
  types: "any",
  validate: (_props, args, report) => {
    if (!isTaggable(args)) return;
    const { environment } = args.getConfig<EnvironmentSetting>();
    const value = effectiveTags(args).tags.Environment;
    if (value === undefined || value === "" || value === environment) return;
    report(
      `tags.Environment is "${value}" but the stack's environment is "${environment}"; set Environment: "${environment}"`,
    );
  },
});
