import type { TestResult } from "@/lib/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

/** What a test message (through a channel or to a webhook) got back from the receiver. */
export function TestOutcome({ result, onDismiss }: { result: TestResult; onDismiss: () => void }) {
  return (
    <Alert
      tone={result.delivered ? "success" : "error"}
      title={result.delivered ? "Test message delivered" : "Test message not delivered"}
      action={
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      }
    >
      {result.statusCode ? `HTTP ${result.statusCode}` : "No HTTP answer"}
      {result.detail ? ` — ${result.detail}` : null}
    </Alert>
  );
}
