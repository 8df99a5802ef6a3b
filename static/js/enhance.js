/* Loaded before the page is drawn, so styles for the scripted layout apply from the first paint
   and nothing jumps when the page's script takes over. */
document.documentElement.classList.add("js");
if ("speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
  document.documentElement.classList.add("can-speak");
}
