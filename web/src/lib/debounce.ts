"use client";
// A value that follows another once it has stopped changing for `ms`
// (search as you type without a request per keystroke).

import { useEffect, useState } from "react";

export function useDebounced<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
