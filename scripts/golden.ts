import { writeFileSync } from "node:fs";
import { GOLDEN_FILE, goldenHashes } from "../src/model/golden/goldenRuns";

writeFileSync(GOLDEN_FILE, `${JSON.stringify(goldenHashes(), null, 2)}\n`);
process.stdout.write(`wrote ${GOLDEN_FILE.pathname}\n`);
