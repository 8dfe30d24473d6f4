// Replay player: the page ships a local facade; the provider's player (and its cookies) is only
// loaded when the visitor clicks "play" or a chapter. Every address comes from data- attributes
// built by the server, so this script never computes a provider URL itself.
function loadPlayer(player, embedUrl) {
  let frame = player.querySelector("iframe");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.className = "player__frame";
    frame.title = player.dataset.frameTitle || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    const facade = player.querySelector(".player__facade");
    if (facade) facade.remove();
    player.appendChild(frame);
  }
  // Reloading the player at the requested time works for every provider, without their APIs.
  frame.src = embedUrl;
  frame.focus();
  return frame;
}

function announce(status, template, timeLabel) {
  if (!status || !template || !timeLabel) return;
  status.textContent = template.replace("{time}", timeLabel);
}

function setUpReplay() {
  const player = document.querySelector("[data-replay-player]");
  if (!player) return;
  const status = document.querySelector("[data-replay-status]");
  const playButton = player.querySelector("[data-replay-play]");

  if (playButton) {
    playButton.addEventListener("click", () => loadPlayer(player, player.dataset.embedUrl));
  }
  document.querySelectorAll("a[data-replay-start]").forEach((link) => {
    link.addEventListener("click", (event) => {
      // Let modified clicks (new tab, new window) open the provider's page as the link says.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      player.scrollIntoView({ block: "nearest" });
      loadPlayer(player, link.dataset.embedUrl);
      announce(status, player.dataset.statusTemplate, link.dataset.timeLabel);
    });
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpReplay);
} else {
  setUpReplay();
}
