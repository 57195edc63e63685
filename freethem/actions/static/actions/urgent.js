// The letter writer's "Copy to the clipboard" button: shown only where the browser can copy.
// Without JavaScript the letter is still in a readonly box to select and copy by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const box = document.getElementById(button.dataset.copy);
    if (!box || !navigator.clipboard) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(box.value);
        button.textContent = button.dataset.copied;
      } catch {
        box.select(); // the browser refused: leave the text selected for Ctrl+C
      }
      setTimeout(() => { button.textContent = label; }, 2500);
    });
  }
});
