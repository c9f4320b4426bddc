"use client";

import type { ComponentProps } from "react";
import { TextField } from "@/components/ui/Field";

/** The field for choosing a password (sign-up, accepting an invite, resetting), with the server's rule as its hint. */
export function NewPasswordField(props: Omit<ComponentProps<typeof TextField>, "type" | "autoComplete" | "hint" | "required">) {
  return <TextField type="password" autoComplete="new-password" hint="At least 10 characters; avoid common passwords." required {...props} />;
}
