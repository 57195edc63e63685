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

// A submit while the check is still running waits for it, rather than signing without it
// (which holds the signature for review): a quick signer, or one who takes a suggested
// address with its one button. The button pressed is pressed again once the check is done.
const form = widget ? widget.closest("form") : null;
if (form && typeof widget.getState === "function") {
  form.addEventListener("submit", (event) => {
    if (widget.getState() !== "verifying") return;
    event.preventDefault();
    const submitter = event.submitter;
    const done = (change) => {
      if (change.detail && change.detail.state === "verifying") return;
      widget.removeEventListener("statechange", done);
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    };
    widget.addEventListener("statechange", done);
  });
  // The form came back with a problem: the signer is signing already, so the check starts
  // now rather than on their next step, which may be a single press of a button.
  if (form.querySelector(".error-summary") && widget.getState() === "unverified") {
    widget.verify();
  }
}
