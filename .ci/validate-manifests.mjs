// Validates Kubernetes manifests offline against the Kubernetes OpenAPI schemas (npm kubernetes-models).
// usage: node validate-manifests.mjs FILE|DIR...   ("-" reads a YAML stream from stdin)
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const files = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "-") { files.push("-"); continue; }
  const st = fs.statSync(arg);
  if (st.isDirectory()) {
    for (const f of fs.readdirSync(arg).sort()) if (/\.ya?ml$/.test(f)) files.push(path.join(arg, f));
  } else files.push(arg);
}
let checked = 0, failed = 0;
const skipped = new Set();
for (const file of files) {
  const text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS();
    if (!obj || !obj.kind) continue;
    const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
    const module = group ? `kubernetes-models/${group}/${version}/${obj.kind}` : `kubernetes-models/${version}/${obj.kind}`;
    let Model;
    try {
      Model = (await import(module))[obj.kind];
    } catch {
      skipped.add(`${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    const id = `${file}: ${obj.kind} ${obj.metadata?.namespace ? obj.metadata.namespace + "/" : ""}${obj.metadata?.name}`;
    try {
      new Model(obj).validate();
      checked++;
    } catch (e) {
      failed++;
      console.error(`INVALID ${id}: ${e.message}`);
    }
  }
}
console.log(`validated ${checked} object(s) against the Kubernetes schemas, ${failed} invalid` +
  (skipped.size ? `; kinds without a built-in schema (not checked): ${[...skipped].sort().join(", ")}` : ""));
process.exit(failed || checked === 0 ? 1 : 0);
