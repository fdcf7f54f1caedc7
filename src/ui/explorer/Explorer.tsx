import type { Scenario } from "../../scenario/schema";

// Placeholder for the quorum × partition explorer (issue 6), which replaces this file.

export function Explorer(_props: { scenario: Scenario; onOpenCase: (scenario: Scenario, playheadMs: number) => void }) {
  return (
    <main className="explorer-placeholder">
      <h2>Explorer</h2>
      <p>The quorum × partition explorer is coming: it will run this scenario over many quorums and partitions.</p>
    </main>
  );
}
