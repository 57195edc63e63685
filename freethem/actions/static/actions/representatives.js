// "Copy the message" buttons of /act/representatives/: shown only when this script runs
// (without it, the readonly box can be selected and copied by hand). No inline script: CSP.
for (const button of document.querySelectorAll("button.rep-copy[data-copy]")) {
  const box = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".rep-copied");
  if (!box || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    box.select();
    try {
      await navigator.clipboard.writeText(box.value);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      // Left selected: the reader copies it with the keyboard.
    }
  });
}
