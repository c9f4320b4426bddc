/** @type {import('next').NextConfig} */
const nextConfig = {
  // One static app shell (out/index.html); the Rust server serves out/ and
  // falls back to index.html, and src/App.tsx routes every path on the client.
  output: "export",
  distDir: process.env.NEXT_DIST_DIR || ".next",
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
