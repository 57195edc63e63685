// The sign form's proof of work: runs the ALTCHA widget (its CSP-friendly "external" build,
// loaded just before this module) with its PBKDF2 solver in a worker file from this host,
// and gives it the site's own translated words from the widget's data-* attributes.
const widget = document.querySelector("altcha-widget.defence-pow");
const registry = globalThis.$altcha;
if (widget && registry) {
  const worker = widget.dataset.worker;
  for (const name of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
    registry.algorithms.set(name, () => new Worker(worker));
  }
  const language = widget.getAttribute("language") || "en";
  const words = {};
  for (const [key, value] of Object.entries(widget.dataset)) {
    if (key !== "worker") words[key] = value;
  }
  registry.i18n.set(language, { ...(registry.i18n.get("en") || {}), ...words, footer: "" });
}
