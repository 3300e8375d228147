// A host's existing resize listener in the style of Datawrapper's embed code: any iframe whose window
// sends { "datawrapper-height": { <id>: height } } gets that height.
window.addEventListener('message', (event) => {
  const heights = event.data && event.data['datawrapper-height'];
  if (!heights) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== event.source) continue;
    for (const id in heights) frame.style.height = `${heights[id]}px`;
  }
});
