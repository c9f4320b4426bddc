"use client";

import type { ReactNode } from "react";
import { cx } from "./cx";

export interface Column {
  label: ReactNode;
  /** Added to the header cell, e.g. to hide the column on small screens. */
  className?: string;
}

/** The column headers of a data table. */
export function TableHead({ columns, className, cellClassName }: { columns: Column[]; className?: string; cellClassName?: string }) {
  return (
    <thead className={cx("text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300", className)}>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={cx("px-4 py-2", cellClassName, column.className)}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
