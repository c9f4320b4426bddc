"use client";
// The impact picture: the items reached from one, laid out by dagre (a
// graph-layout library loaded with this file only, so no other page pays
// for it) and drawn as SVG, each linking to its page.

import dagre from "@dagrejs/dagre";
import type { ImpactNode } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { Link } from "@/lib/router";

const WIDTH = 170;
const HEIGHT = 44;

export default function ImpactGraph({ root, nodes }: { root: { id: string; number: string; name: string }; nodes: ImpactNode[] }) {
  const { membership } = useOrg();
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 48, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  const label = new Map<string, { number: string; name: string }>([[root.id, root]]);
  graph.setNode(root.id, { width: WIDTH, height: HEIGHT });
  for (const node of nodes) {
    label.set(node.item.id, { number: node.item.number, name: node.item.name });
    graph.setNode(node.item.id, { width: WIDTH, height: HEIGHT });
  }
  // Each node's shortest path gives the edge it was reached by.
  for (const node of nodes) {
    const path = node.path;
    if (path.length >= 2) graph.setEdge(path[path.length - 2], path[path.length - 1]);
  }
  dagre.layout(graph);
  const size = graph.graph();
  return (
    <svg role="group" aria-label={`Impact of ${root.number}`} width={size.width ?? 0} height={size.height ?? 0} className="max-w-full">
      {graph.edges().map((e) => {
        const points = graph.edge(e).points ?? [];
        return <polyline key={`${e.v}-${e.w}`} points={points.map((p: { x: number; y: number }) => `${p.x},${p.y}`).join(" ")} fill="none" stroke="currentColor" className="text-slate-400" markerEnd="url(#arrow)" />;
      })}
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="fill-slate-400" />
        </marker>
      </defs>
      {graph.nodes().map((id) => {
        const n = graph.node(id);
        const item = label.get(id);
        if (!n || !item) return null;
        return (
          <Link key={id} href={`/${membership.slug}/assets/${item.number}`}>
            <rect x={n.x - WIDTH / 2} y={n.y - HEIGHT / 2} width={WIDTH} height={HEIGHT} rx={6} className={id === root.id ? "fill-brand-100 stroke-brand-700" : "fill-white stroke-slate-400 dark:fill-slate-800"} />
            <text x={n.x} y={n.y - 4} textAnchor="middle" className="fill-slate-900 text-xs font-semibold dark:fill-white">
              {item.number}
            </text>
            <text x={n.x} y={n.y + 12} textAnchor="middle" className="fill-slate-800 text-xs dark:fill-slate-200">
              {item.name.length > 22 ? `${item.name.slice(0, 21)}…` : item.name}
            </text>
          </Link>
        );
      })}
    </svg>
  );
}
