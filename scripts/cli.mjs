import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

// `node scripts/cli.mjs <sim|sweep> [args]`: runs a command-line tool of src/cli from an esbuild bundle. One scope
// for the whole model, as in the browser's build, runs a fifth faster than tsx's file-by-file modules. Each call
// bundles afresh (about a tenth of a second) into a directory of its own, so the bundle is never stale and two
// calls at once never read each other's half-written files.

const [name, ...args] = process.argv.slice(2);
const entry = resolve(`src/cli/${name}.ts`);
if (!name || !existsSync(entry)) {
  process.stderr.write(
    `usage: node scripts/cli.mjs <sim|sweep> [args]${name ? ` (there is no src/cli/${name}.ts)` : ""}\n`,
  );
  process.exit(2);
}
const outdir = mkdtempSync(join(tmpdir(), "sentinel-lab-cli-"));
const cleanUp = () => rmSync(outdir, { recursive: true, force: true });
process.on("exit", cleanUp);
// Ctrl-C or a kill skips "exit" handlers: remove the bundle, then end as the signal would have.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
])
  process.on(signal, () => {
    cleanUp();
    process.exit(code);
  });
await build({
  entryPoints: name === "sweep" ? [entry, resolve("src/cli/sweepWorker.ts")] : [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir,
  outExtension: { ".js": ".mjs" },
  sourcemap: true,
  logLevel: "warning",
});
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], join(outdir, `${name}.mjs`), ...args];
await import(pathToFileURL(process.argv[1]).href);
