// The personal page's copy button (progressive enhancement): without this script, the link
// stays in a read-only field to select and copy by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("textarea.share-url");
  if (!field) return;
  field.addEventListener("focus", () => field.select());
  if (!navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "share-copy-button";
  button.textContent = field.dataset.copy;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(() => {
      button.textContent = field.dataset.copied;
    });
  });
  field.insertAdjacentElement("afterend", button);
});
