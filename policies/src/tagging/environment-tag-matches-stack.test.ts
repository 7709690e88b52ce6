import { T } from "../lib/types.js";
import { describePolicy, PROD_TAGS, UNKNOWN } from "../testing/harness.js";
import { environmentTagMatchesStack } from "./environment-tag-matches-stack.js";

describePolicy(environmentTagMatchesStack, {
  passes: [
    { title: "a prod resource tagged prod through the provider", fixture: { type: T.vpc, inputs: {} } },
    {
      title: "a dev resource tagged dev on itself",
      fixture: { type: T.vpc, inputs: { tags: { Environment: "dev" } } },
      env: "dev",
    },
    {
      title: "a resource without an Environment tag (left to required-tags-present)",
      fixture: { type: T.vpc, inputs: {} },
      options: { provider: { region: "eu-west-1" } },
    },
  ],
  fails: [
    {
      title: "a resource overriding the provider's Environment with dev, in prod",
      fixture: { type: T.rdsInstance, inputs: { tags: { Environment: "dev" } } },
      messages: ['tags.Environment is "dev" but the stack\'s environment is "prod"; set Environment: "prod"'],
    },
    {
      title: "prod default tags in a test stack",
      fixture: { type: T.subnet, inputs: {} },
      env: "test",
      messages: ['tags.Environment is "prod" but the stack\'s environment is "test"; set Environment: "test"'],
    },
  ],
  unknown: {
    fixture: { type: T.vpc, inputs: { tags: { ...PROD_TAGS, Environment: UNKNOWN } } },
    path: "tags.Environment",
  },
  levelFixture: { fixture: { type: T.vpc, inputs: { tags: { Environment: "staging" } } } },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
