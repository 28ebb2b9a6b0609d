// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";
import globals from "globals";

/**
 * The layer rule of docs/architecture.md: an arrow means "may import".
 * providers -> core; graph -> core; stores -> graph, core; ui -> stores, graph, core;
 * cli -> graph, providers, core. Each folder lists the layers it must not reach.
 */
const layerBans = {
  core: ["providers", "graph", "stores", "ui", "cli"],
  providers: ["graph", "stores", "ui", "cli"],
  graph: ["providers", "stores", "ui", "cli"],
  stores: ["providers", "ui", "cli"],
  ui: ["providers", "cli"],
  cli: ["stores", "ui"],
};

const reactPackages = ["react", "react-dom", "react-dom/*", "react/*", "@xyflow/react", "zustand"];
const nodeBuiltins = [
  "node:*",
  "fs",
  "fs/*",
  "path",
  "child_process",
  "os",
  "http",
  "https",
  "net",
  "url",
  "stream",
  "crypto",
  "worker_threads",
];
/** Runtime code must not reach for platform globals: they are injected (docs/architecture.md). */
const platformGlobals = [
  "window",
  "document",
  "localStorage",
  "sessionStorage",
  "indexedDB",
  "navigator",
  "process",
  "Buffer",
  "require",
].map((name) => ({
  name,
  message: "Lower layers are platform-free: inject this capability instead.",
}));

function layerRestriction(layer) {
  const banned = layerBans[layer];
  const lower = ["core", "providers", "graph", "stores"].includes(layer);
  const patterns = [
    {
      regex: `^(\\.\\./)+(${banned.join("|")})(/|$)`,
      message: `src/${layer} may not import these layers (see docs/architecture.md).`,
    },
    {
      group: ["@langchain/*", "langchain"],
      message: "@langchain is a test-only reference, never a runtime dependency.",
    },
  ];
  if (lower) {
    // stores may use zustand's vanilla entry, nothing React-bound.
    const react = layer === "stores" ? reactPackages.filter((p) => p !== "zustand") : reactPackages;
    patterns.push({ group: react, message: `src/${layer} is framework-free: no React.` });
  }
  if (lower || layer === "ui")
    patterns.push({ group: nodeBuiltins, message: `src/${layer} must run in browsers: no Node built-ins.` });
  return patterns;
}

const lowerLayerJsx = {
  "no-restricted-syntax": [
    "error",
    { selector: "JSXElement", message: "No JSX below the ui layer." },
    { selector: "JSXFragment", message: "No JSX below the ui layer." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "dist",
      "node_modules",
      "test-results",
      "playwright-report",
      "coverage",
      "**/*.d.ts",
      "bench/out",
      "scratch",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "*.mjs", "bin/*.mjs", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  ...Object.keys(layerBans).map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: [`src/${layer}/**/*.test.{ts,tsx}`],
    rules: {
      "no-restricted-imports": ["error", { patterns: layerRestriction(layer) }],
      ...(["core", "providers", "graph", "stores"].includes(layer)
        ? { ...lowerLayerJsx, "no-restricted-globals": ["error", ...platformGlobals] }
        : {}),
    },
  })),
  {
    // Tests may import the reference implementation, but never a higher layer either.
    files: ["src/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/main.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // e2e drives the built app only: it imports nothing from src.
    files: ["e2e/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(\\.\\./)+src(/|$)", message: "e2e imports nothing from src/." }] },
      ],
    },
  },
  prettier,
);
