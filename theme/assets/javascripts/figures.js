// Pause and play for the exercise page's animation (markup: generator/pages/pictures.py).
//
// CSS alone shows the still instead of the animation under prefers-reduced-motion
// (figures.css), but a toggle that screen readers announce correctly needs a real button
// whose name says what it will do; an animated image cannot be paused, so "paused" swaps in
// the still frame. The button stays hidden without JavaScript. Material's instant navigation
// swaps pages without reloading: document$ fires for every page shown.
document$.subscribe(() => {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)")
  for (const box of document.querySelectorAll("[data-rs-animation]")) {
    const button = box.querySelector(".rs-hero__toggle")
    if (!button || box.dataset.state) continue
    const show = (playing) => {
      box.dataset.state = playing ? "playing" : "paused"
      button.textContent = playing ? "Pause" : "Play"
      button.setAttribute("aria-label", playing ? "Pause the animation" : "Play the animation")
    }
    show(!reduce.matches)
    button.hidden = false
    button.addEventListener("click", () => show(box.dataset.state !== "playing"))
    // Offline, an animation not yet stored (the service worker keeps each once shown) fails
    // to load: show the still frame instead of a broken image.
    const moving = box.querySelector(".rs-hero__moving")
    const still = () => { show(false); button.hidden = true }
    if (moving && moving.complete && moving.naturalWidth === 0 && moving.currentSrc) still()
    else if (moving) moving.addEventListener("error", still)
  }
})
