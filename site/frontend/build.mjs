// Bundles every entry point of src/ into static/dist/, minified, with no CDN at run time.
// `node build.mjs DIRECTORY` builds elsewhere (`make assets-check` compares that with static/dist).
import { build } from "esbuild";
import { readdirSync } from "node:fs";

const entries = [
  ...readdirSync("src/js")
    .filter((f) => f.endsWith(".js"))
    .map((f) => `src/js/${f}`),
  ...readdirSync("src/css")
    .filter((f) => f.endsWith(".css"))
    .map((f) => `src/css/${f}`),
];

await build({
  entryPoints: entries,
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2019"],
  outdir: process.argv[2] ?? "../../static/dist",
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: process.argv[2] ? "warning" : "info",
});
