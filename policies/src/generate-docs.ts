// `npm run docs`: rewrite docs/policies.md from the policies and their env configs.
import { writeFileSync } from "node:fs";
import { POLICY_DOCS_PATH, renderPolicyDocs } from "./docs.js";

writeFileSync(POLICY_DOCS_PATH, renderPolicyDocs());
process.stdout.write(`wrote ${POLICY_DOCS_PATH}\n`);
