import { setWhatIf } from "../scenario/editConfig";
import { useLab } from "../store/context";

// The what-if mode (A1c) changes Sentinel's rules, so it must never pass for real behavior.

export function WhatIfBanner() {
  const on = useLab((s) => s.scenario.whatIf?.failoverWithoutMajority ?? false);
  const edit = useLab((s) => s.edit);
  if (!on) return null;
  return (
    <div className="whatif-banner" role="note" aria-label="Hypothetical mode">
      <p>
        <strong>Hypothetical what-if mode: failover without majority agreement.</strong> Real Redis Sentinel never does
        this: a leader always needs the votes of a majority of the Sentinels it knows. What you see is the split brain
        that rule prevents.
      </p>
      <button type="button" className="small" onClick={() => edit(setWhatIf(false))}>
        Turn it off
      </button>
    </div>
  );
}
