"use client";
// Importing items from a CSV file: a dry run first shows what would be
// created, updated and left alone, and every invalid row by line and
// field; then the import (all or nothing, or skipping invalid rows).

import { useState } from "react";
import { api, type ImportReport } from "@/lib/api";
import { useOrg } from "@/lib/org";
import { useAction } from "@/lib/resource";
import { ErrorAlert, Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader, PageHeader } from "@/components/ui/Card";
import { Checkbox } from "@/components/ui/Field";

function Report({ report }: { report: ImportReport }) {
  return (
    <Card>
      <CardHeader title={report.dryRun ? "Dry run: nothing was written" : report.written ? "Imported" : "Not imported: fix the invalid rows"} />
      <div className="space-y-3 p-4 text-sm">
        <p aria-label="Import counts">
          {report.rows} row(s): {report.created} to create, {report.updated} to update, {report.unchanged} unchanged, {report.relationshipsCreated} relationship(s) new.
        </p>
        {report.invalid.length > 0 && (
          <table className="w-full text-left" aria-label="Invalid rows">
            <thead>
              <tr className="text-slate-700 dark:text-slate-300">
                <th className="py-1 pr-3">Line</th>
                <th className="py-1 pr-3">Field</th>
                <th className="py-1">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.invalid.map((row, i) => (
                <tr key={i} className="border-t border-slate-200 dark:border-slate-700">
                  <td className="py-1 pr-3 font-mono">{row.line}</td>
                  <td className="py-1 pr-3 font-mono">{row.field}</td>
                  <td className="py-1 text-slate-800 dark:text-slate-200">{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

export default function AssetImport() {
  const { org, membership } = useOrg();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useAction(async (dryRun: boolean) => setReport(await api.importItems(org.id, csv ?? "", { dryRun, skipInvalid })));
  return (
    <>
      <PageHeader title="Import items" description="CSV with a header: externalId, name, type, status, criticality, owner (email), ownerTeam, description, labels (;), attributes (JSON) or attr.<key> columns, relationships (relation:target;…)." />
      <Card className="mb-4 space-y-4 p-4">
        <label className="block text-sm font-medium text-slate-900 dark:text-slate-100">
          CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            className="mt-1 block text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setReport(null);
              setFileName(file?.name ?? "");
              setCsv(file ? await file.text() : null);
            }}
          />
        </label>
        <Checkbox label="Import the valid rows even if some are invalid" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" disabled={!csv || run.pending} onClick={() => void run.run(true)}>
            Dry run
          </Button>
          <Button disabled={!csv || run.pending} onClick={() => void run.run(false)}>
            Import {fileName}
          </Button>
          <ButtonLink href={`/${membership.slug}/assets`} variant="secondary">
            Back to items
          </ButtonLink>
        </div>
        <ErrorAlert error={run.error} />
      </Card>
      {report && <Report report={report} />}
      {report?.written && <Alert tone="success">The items are in. Importing the same file again changes nothing.</Alert>}
    </>
  );
}
