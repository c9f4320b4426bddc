"use client";

import { useState } from "react";
import { api } from "@/lib/api";
import { useAction } from "@/lib/resource";

/** "Send the link again" for an unconfirmed address, then that it is on its way. */
export function ResendVerification() {
  const resend = useAction(api.requestVerification);
  const [sent, setSent] = useState(false);
  if (sent) return <span className="font-medium">A new link is on its way.</span>;
  return (
    <button
      type="button"
      className="font-medium underline underline-offset-2 disabled:opacity-60"
      disabled={resend.pending}
      onClick={async () => {
        await resend.run();
        setSent(true);
      }}
    >
      Send the link again
    </button>
  );
}
