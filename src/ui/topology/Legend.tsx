// What the shapes and lines of the topology mean, for a first visit.

export function Legend() {
  return (
    <p className="topology-legend">
      <span className="lg lg-master">M</span> master <span className="lg lg-replica">R</span> replica{" "}
      <span className="lg lg-sentinel">S</span> Sentinel <span className="lg lg-client">C</span> client{" "}
      <span className="lg-line repl" /> replicates from <span className="lg-line client" /> writes to{" "}
      <span className="lg-cut">✕</span> link cut
    </p>
  );
}
