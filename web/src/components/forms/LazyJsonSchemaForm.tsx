"use client";
// The JSON Schema form as its own chunk: react-jsonschema-form and Ajv load
// only on the pages that render a catalogue item's form.

import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/States";

export const LazyJsonSchemaForm = dynamic(() => import("./JsonSchemaForm"), {
  ssr: false,
  loading: () => <Loading label="Loading the form…" />,
});
