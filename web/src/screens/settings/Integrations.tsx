"use client";
// Admins: the organisation's notification channels (Slack, SMS through
// Twilio, PagerDuty), signed webhooks, and the log of every delivery with its
// attempts. Each has its file in integrations/.

import { useState } from "react";
import type { Webhook } from "@/lib/api";
import { Channels } from "./integrations/Channels";
import { Deliveries } from "./integrations/Deliveries";
import { Webhooks } from "./integrations/Webhooks";

export default function Integrations() {
  const [webhooks, setWebhooks] = useState<Webhook[]>([]);
  return (
    <div className="space-y-6">
      <Channels />
      <Webhooks onLoaded={setWebhooks} />
      <Deliveries webhooks={webhooks} />
    </div>
  );
}
