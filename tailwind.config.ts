import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Harvest palette: rice-straw, soil and leaf; every text pairing meets WCAG AA.
        leaf: { 50: "#f1f8ee", 100: "#dcefd4", 600: "#2f6b1f", 700: "#255818", 800: "#1d4613", 900: "#15340e" },
        soil: { 50: "#faf6f0", 100: "#f2e9da", 700: "#6b4a25", 800: "#54391c", 900: "#3d2914" },
        chili: { 50: "#fdeceb", 600: "#b3261e", 700: "#8f1e18" },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
