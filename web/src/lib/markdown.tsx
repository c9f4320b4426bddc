// A small, safe Markdown renderer: it builds React elements (never HTML
// strings), so text is always escaped, and links are limited to http(s)
// and mailto. Supports paragraphs, line breaks, headings, lists, quotes,
// fenced code, `code`, **bold**, *italic* and [links](https://…). A line
// that is only an HTML comment (`<!-- to write -->`) is left out.

import type { ReactNode } from "react";

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*)|(\b_[^_\s][^_\n]*_\b)|(\[[^\]\n]+\]\([^)\s]+\))|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/;

export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href, "https://invalid.invalid");
    if (url.origin === "https://invalid.invalid") return undefined;
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const linkClass = "font-medium text-brand-700 underline hover:text-brand-900 dark:text-brand-300 dark:hover:text-brand-200";

function link(text: ReactNode, href: string, key: string): ReactNode {
  const safe = safeHref(href);
  if (!safe) return <span key={key}>{text}</span>;
  return (
    <a key={key} href={safe} className={linkClass} target="_blank" rel="noopener noreferrer nofollow">
      {text}
    </a>
  );
}

export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push(rest);
      break;
    }
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${n++}`;
    if (match[1]) {
      out.push(
        <code key={key} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">
          {token.slice(1, -1)}
        </code>,
      );
    } else if (match[2]) {
      out.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    } else if (match[3] || match[4]) {
      out.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    } else if (match[5]) {
      const split = token.indexOf("](");
      out.push(link(renderInline(token.slice(1, split), key), token.slice(split + 2, -1), key));
    } else {
      out.push(link(token, token, key));
    }
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

function withBreaks(lines: string[], key: string): ReactNode[] {
  return lines.flatMap((line, i) => (i === 0 ? renderInline(line, `${key}-${i}`) : [<br key={`${key}-br${i}`} />, ...renderInline(line, `${key}-${i}`)]));
}

/** A line that is only an HTML comment (a template's placeholder): not shown. */
const COMMENT = /^\s*<!--.*-->\s*$/;

type Block =
  | { kind: "code"; text: string }
  | { kind: "heading"; level: number; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "quote"; lines: string[] }
  | { kind: "paragraph"; lines: string[] };

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim() || COMMENT.test(line)) {
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith("```")) body.push(lines[i++]);
      i++;
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && bullet.test(lines[i])) items.push(lines[i++].replace(bullet, ""));
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (line.startsWith(">")) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].startsWith(">")) quoted.push(lines[i++].replace(/^>\s?/, ""));
      blocks.push({ kind: "quote", lines: quoted });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !COMMENT.test(lines[i]) && !lines[i].startsWith("```") && !/^#{1,3}\s/.test(lines[i]) && !bullet.test(lines[i])) {
      para.push(lines[i++]);
    }
    blocks.push({ kind: "paragraph", lines: para });
  }
  return blocks;
}

const headingClass = ["", "text-lg font-semibold", "text-base font-semibold", "text-sm font-semibold"];

export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = parseBlocks(source);
  return (
    <div className={["space-y-2 break-words text-sm leading-relaxed", className].filter(Boolean).join(" ")}>
      {blocks.map((block, b) => {
        const key = `b${b}`;
        switch (block.kind) {
          case "code":
            return (
              <pre key={key} className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">
                <code>{block.text}</code>
              </pre>
            );
          case "heading": {
            const Tag = (["h3", "h4", "h5"] as const)[block.level - 1];
            return (
              <Tag key={key} className={headingClass[block.level]}>
                {renderInline(block.text, key)}
              </Tag>
            );
          }
          case "list": {
            const Tag = block.ordered ? "ol" : "ul";
            return (
              <Tag key={key} className={block.ordered ? "list-decimal space-y-1 pl-5" : "list-disc space-y-1 pl-5"}>
                {block.items.map((item, n) => (
                  <li key={n}>{renderInline(item, `${key}-${n}`)}</li>
                ))}
              </Tag>
            );
          }
          case "quote":
            return (
              <blockquote key={key} className="border-l-4 border-slate-300 pl-3 text-slate-700 dark:border-slate-600 dark:text-slate-300">
                {withBreaks(block.lines, key)}
              </blockquote>
            );
          default:
            return <p key={key}>{withBreaks(block.lines, key)}</p>;
        }
      })}
    </div>
  );
}
