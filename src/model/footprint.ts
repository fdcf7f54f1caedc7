import { QuorumSpan } from "./quorumSpan";

// What a run read of the two things the explorer varies from run to run: the quorum, and the network's cut
// matrix. The model is deterministic, so another quorum and cut matrix that answer every one of these reads
// alike make the same run, event for event.

export class Footprint {
  readonly quorum = new QuorumSpan();
  /** Cells of the cut matrix (from × boxes + to) read while the run went on; sized by simulate. */
  paths = new Uint8Array(0);
}
