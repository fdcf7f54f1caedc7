import type { Scenario } from "../scenario/schema";
import { validateScenario } from "../scenario/validate";

// Every shipped scenario, bundled by Vite from scenarios/*.json and validated like any other input.
const files = import.meta.glob("../../scenarios/*.json", { eager: true, import: "default" });

export interface CatalogEntry {
  file: string;
  scenario: Scenario;
}

export const catalog: CatalogEntry[] = Object.entries(files)
  .flatMap(([path, json]) => {
    const v = validateScenario(json);
    return v.ok ? [{ file: path.slice(path.lastIndexOf("/") + 1), scenario: v.scenario }] : [];
  })
  .sort((a, b) => a.file.localeCompare(b.file));

export const DEFAULT_CATALOG_ID = "A2a";

export function defaultScenario(): Scenario | undefined {
  return (catalog.find((e) => e.scenario.catalog === DEFAULT_CATALOG_ID) ?? catalog[0])?.scenario;
}
