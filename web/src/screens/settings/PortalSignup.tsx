"use client";
// Settings → Members: letting people with an address at the organisation's
// email domain join its portal as requesters by themselves (no seat). The
// domain is the admin's own confirmed address's (the server's proof that
// the organisation owns it); another admin's domain, once set, shows as is.

import { useState } from "react";
import { api, ApiError } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useAction } from "@/lib/resource";
import { useMe } from "@/lib/session";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Card, CardHeader } from "@/components/ui/Card";
import { Checkbox } from "@/components/ui/Field";

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export function PortalSignup() {
  const { org, membership, setOrg } = useOrg();
  const me = useMe();
  const current = org.requesterDomain ?? null;
  const domain = current ?? domainOf(me.user.email);
  const [saved, setSaved] = useState<string>();
  // The box shows what was asked for while the server answers.
  const [asked, setAsked] = useState<boolean>();
  const save = useAction(async (on: boolean) => {
    setSaved(undefined);
    setAsked(on);
    try {
      const updated = await api.setRequesterSignup(org.id, on ? domain : null);
      setOrg(updated);
      setSaved(on ? `People with an @${domain} address can now join the portal.` : "Only people you invite can join the portal now.");
      return updated;
    } finally {
      setAsked(undefined);
    }
  });
  const fieldError = save.error instanceof ApiError ? save.error.fieldError("domain") : undefined;
  const link = typeof window !== "undefined" ? `${window.location.origin}/${membership.slug}/portal` : `/${membership.slug}/portal`;
  return (
    <Card>
      <CardHeader
        title="Joining the portal"
        description="People who join by themselves become requesters: they ask through the portal and take no seat."
      />
      <div className="space-y-3 p-4">
        {saved && <Alert tone="success">{saved}</Alert>}
        {fieldError ? <Alert tone="error">{fieldError}</Alert> : <ErrorAlert error={save.error} />}
        <Checkbox
          label={`Let people with an @${domain} address join the portal`}
          checked={asked ?? current !== null}
          disabled={save.pending}
          onChange={(e) => void save.run(e.target.checked)}
        />
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {current !== null ? (
            <>
              Share this link: <span className="break-all font-mono text-slate-800 dark:text-slate-200">{link}</span>. Anyone signed in with a confirmed @{current} address
              can join from it.
            </>
          ) : (
            <>Only the domain of your own confirmed address can be opened ({domainOf(me.user.email)}).</>
          )}
        </p>
        {!org.features.serviceCatalog && (
          <p className="text-sm text-amber-800 dark:text-amber-200">The portal shows the service catalogue, which is switched off (Settings → Modules).</p>
        )}
      </div>
    </Card>
  );
}
