import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./src/**/*.{ts,tsx}"],
  // Follow the operating system's light/dark preference.
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef4ff",
          100: "#dbe6fe",
          200: "#bfd3fe",
          300: "#93b4fd",
          400: "#6090fa",
          500: "#3b6cf6",
          600: "#2552eb",
          700: "#1d3fd8",
          800: "#1e35af",
          900: "#1e328a",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
