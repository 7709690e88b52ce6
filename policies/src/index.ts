// The entry point the Pulumi CLI runs (`pulumi preview --policy-pack policies`): it only builds
// the pack. Everything else imports `@dms-platform/policies/rules`, which does not start the
// analyzer server.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./rules.js";

new PolicyPack(POLICY_PACK_NAME, {
  policies: [...policies],
  // Each policy carries its own (prod) level; config/<env>.json sets the level per environment.
  enforcementLevel: "advisory",
});
