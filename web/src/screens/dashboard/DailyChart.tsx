"use client";
// Loaded on demand (next/dynamic) so Recharts stays out of other pages.

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DayFigures } from "@/lib/api";

export default function DailyChart({ daily }: { daily: DayFigures[] }) {
  const data = daily.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <div className="h-64 w-full text-slate-600 dark:text-slate-300">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} vertical={false} />
          <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" strokeOpacity={0.4} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" strokeOpacity={0.4} />
          <Tooltip
            contentStyle={{ background: "rgb(15 23 42)", border: "none", borderRadius: 6, color: "white", fontSize: 12 }}
            labelStyle={{ color: "white" }}
            cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="opened" name="Opened" fill="#ef4444" radius={[3, 3, 0, 0]} />
          <Bar dataKey="resolved" name="Resolved" fill="#10b981" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
