export function Logo({ className }: { className?: string }) {
  return (
    <span className={["inline-flex items-center gap-2 font-bold tracking-tight", className].filter(Boolean).join(" ")}>
      <svg viewBox="0 0 24 24" className="h-7 w-7" aria-hidden="true">
        <rect width="24" height="24" rx="6" className="fill-brand-600" />
        <path d="M7 15.5c1.2 1.3 2.9 2 5 2 2.6 0 4.3-1.2 4.3-3.1 0-4-8.8-2.3-8.8-6.4C7.5 6.2 9.1 5 11.6 5c1.8 0 3.3.6 4.4 1.7" fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span>Simplicity</span>
    </span>
  );
}
