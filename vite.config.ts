import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One config for the app (Vite) and the tests (Vitest).
// Vitest projects:
//   unit      - fast tests: unit, property (fast-check), conformance and bench sanity checks
//   scenarios - every scenario's expectations, run through the model (slow, long timeout)
export default defineConfig({
  plugins: [react()],
  worker: {
    format: "es",
  },
  build: {
    target: "es2022",
    sourcemap: true,
  },
  server: {
    port: 5173,
  },
  preview: {
    port: 4173,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "conformance/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "**/*.scenario.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "scenarios",
          environment: "node",
          include: ["src/**/*.scenario.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
