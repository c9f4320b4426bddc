// Small pieces of the portal's pages.

/** An item's icon (an emoji or a short text) in a tile; decorative. */
export function ItemIcon({ icon, size = "md" }: { icon: string; size?: "md" | "lg" }) {
  const text = icon.trim();
  return (
    <span
      aria-hidden="true"
      className={`flex shrink-0 items-center justify-center overflow-hidden rounded-md bg-brand-50 font-semibold text-brand-800 dark:bg-slate-800 dark:text-brand-200 ${
        size === "lg" ? "h-14 w-14 text-3xl" : "h-10 w-10 text-xl"
      }`}
    >
      {text ? (text.length > 3 ? text.slice(0, 2).toUpperCase() : text) : "•"}
    </span>
  );
}

/** Markdown as plain text, for a card's excerpt (no links inside a link). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
