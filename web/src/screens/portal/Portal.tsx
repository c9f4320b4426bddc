"use client";
// The portal (`/{slug}/portal`): where people ask for things. The
// catalogue by category, an item's form, my requests and one of them, and
// the help articles shown on the portal. Requesters see only this; members
// and admins may use it too.

import { MODULE_LABEL } from "@/lib/modules";
import { useOrg } from "@/lib/org";
import { NotFound } from "@/components/ui/States";
import Catalogue from "./Catalogue";
import { HelpArticle, HelpHome } from "./Help";
import ItemPage from "./ItemPage";
import MyRequests from "./MyRequests";
import RequestPage from "./RequestPage";

function Off({ module }: { module: string }) {
  const { membership, isAdmin } = useOrg();
  return (
    <NotFound>
      {MODULE_LABEL[module]} is switched off for {membership.name}. {isAdmin ? "Switch it on under Settings → Modules." : "Ask an admin if you need it."}
    </NotFound>
  );
}

/** `view`: the path after `/portal`: [], ["items", id], ["requests"], ["requests", "REQ-3"], ["help"], ["help", "KB-7"]. */
export default function Portal({ view }: { view: string[] }) {
  const { org } = useOrg();
  const [section, id, more] = view;
  if (more !== undefined) return <NotFound />;
  if (section === undefined || section === "items") {
    if (!org.features.serviceCatalog) return <Off module="serviceCatalog" />;
    if (section === undefined) return <Catalogue />;
    return id ? <ItemPage key={id} itemId={id} /> : <Catalogue />;
  }
  if (section === "requests") {
    if (!org.features.requestFulfillment) return <Off module="requestFulfillment" />;
    return id ? <RequestPage key={id} number={id.replace(/^REQ-/i, "")} /> : <MyRequests />;
  }
  if (section === "help") {
    if (!org.features.knowledgeBase) return <Off module="knowledgeBase" />;
    return id ? <HelpArticle key={id} reference={id} /> : <HelpHome />;
  }
  return <NotFound />;
}
