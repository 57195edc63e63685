// Updates' video and audio (progressive enhancement): without this script each stays a box
// with a link to the other site. With it, "Load the video here" appears, and only when
// pressed swaps the box's content for the privacy-enhanced player whose address the server
// built (data-embed; embeds.py), which the page's CSP frame-src allows and nothing else.
"use strict";
const PLAYERS = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/", "https://w.soundcloud.com/"];
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".media-placeholder[data-embed]")) {
    const address = box.dataset.embed;
    const button = box.querySelector("button.media-load");
    if (!button || !PLAYERS.some((start) => address.startsWith(start))) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const frame = document.createElement("iframe");
      frame.src = address;
      frame.title = button.dataset.title || "";
      frame.className = box.dataset.kind === "audio" ? "media-frame audio" : "media-frame";
      frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
      frame.setAttribute("referrerpolicy", "strict-origin");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
      frame.loading = "lazy";
      box.classList.add("is-loaded");
      button.replaceWith(frame);
      frame.focus();
    });
  }
});
