import { readFileSync, writeFileSync } from "node:fs";
import { PROMOTION_DOCS_PATH, withKeyLists } from "./docs.js";

// Rewrite the key lists of docs/promotion.md from promotable.ts (`node scripts/dist/promote/generate-docs.js`).
const before = readFileSync(PROMOTION_DOCS_PATH, "utf8");
const after = withKeyLists(before);
if (after !== before) writeFileSync(PROMOTION_DOCS_PATH, after);
process.stdout.write(`${after === before ? "unchanged" : "updated"} ${PROMOTION_DOCS_PATH}\n`);
