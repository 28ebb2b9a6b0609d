import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow } from "@xyflow/react";

/** The graph editor surface. */
export function Canvas() {
  return (
    <section aria-label="Canvas" className="relative min-w-0 flex-1">
      <ReactFlow nodes={[]} edges={[]} colorMode="system" fitView proOptions={{ hideAttribution: true }}>
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        <Controls />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </section>
  );
}
