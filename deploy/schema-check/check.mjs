// Validates rendered Kubernetes objects against the schemas of a pinned Kubernetes release
// (kubernetes-models: Kubernetes 1.34) and of the operators' custom resources where a model
// package exists (CloudNativePG, Prometheus operator), offline:
//  - strictly, with TypeScript: each object is an object literal typed by its model interface, so
//    an unknown field anywhere (excess property) or a wrong type is a compile error;
//  - and with the models' own JSON-schema validators (required fields, formats).
// Usage: node check.mjs objects.json   (a JSON array of objects); prints problems, exits 1 if any.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const objects = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

/** The model module of an apiVersion and kind, or null when no schema is pinned here. */
function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === "postgresql.cnpg.io") return `@kubernetes-models/cloudnative-pg/${apiVersion}/${kind}`;
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  if (group === null) return `kubernetes-models/${version}/${kind}`;
  if (group.includes(".") && !group.endsWith(".k8s.io")) return null; // another operator's resource
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const problems = [];
const unchecked = [];
let source = "";
for (const [i, o] of objects.entries()) {
  const name = `${o.kind}/${o.metadata?.name}`;
  const module = model(o.apiVersion ?? "", o.kind ?? "");
  if (!module || !fs.existsSync(path.join(here, "node_modules", module + ".d.ts"))) {
    unchecked.push(`${o.apiVersion} ${name}`);
    continue;
  }
  const header = `import type { I${o.kind} as T${i} } from "${module}";\n`;
  source = header + source;
  source += `export const o${i}: T${i} = ${JSON.stringify(o, null, 1)};\n`;
  try {
    const Model = (await import(module))[o.kind];
    new Model(o).validate();
  } catch (e) {
    problems.push(`${name}: ${e.message ?? e}`);
  }
}

const file = path.join(here, path.basename(process.argv[2]).replace(/\.json$/, "") + ".generated.ts");
fs.writeFileSync(file, source);
const program = ts.createProgram([file], {
  strict: true, noEmit: true, skipLibCheck: true, types: [],
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
});
for (const d of ts.getPreEmitDiagnostics(program)) {
  const where = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : null;
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const near = where ? source.split("\n").slice(0, where.line + 1).reverse().find(l => l.startsWith("export const o")) : "";
  const index = near ? Number(near.match(/export const o(\d+)/)[1]) : -1;
  const o = objects[index];
  problems.push(`${o ? `${o.kind}/${o.metadata?.name}` : "?"} (line ${where ? where.line + 1 : "?"}): ${text}`);
}

if (unchecked.length) console.log(`no schema pinned for: ${unchecked.join(", ")}`);
console.log(`${objects.length - unchecked.length} objects checked, ${problems.length} problems`);
for (const p of problems) console.log("PROBLEM " + p);
process.exit(problems.length ? 1 : 0);
