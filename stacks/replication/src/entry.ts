// The entry point the Pulumi CLI runs (Pulumi.yaml `main: dist/entry.js`): the module's export is
// a promise of the stack outputs. Importing the package (index.ts) does not run the program.
import { program } from "./program.js";

export = program();
