import { runEngineBench } from "./engine";

// Entry point of the bundled engine benchmark (see bench/run.ts): prints one JSON object.
process.stdout.write(`${JSON.stringify(runEngineBench())}\n`);
