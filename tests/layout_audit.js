// What a reader would see go wrong on a page, measured element by element in the browser
// (tests/test_layout.py): a chart's title, subtitle, axis title, tick label or legend entry outside its figure
// or on top of another; a legend over the plot area; a table cell whose text runs out of it; the page
// scrolling sideways. Returns one line per fault.
() => {
  const out = [];
  const box = e => e.getBoundingClientRect();
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const TEXT = ".gtitle, .gtitle-subtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .legendtext";
  document.querySelectorAll(".js-plotly-plot").forEach((plot, k) => {
    if (!plot.offsetParent) { return; }
    const name = `chart ${k + 1} (${(plot.querySelector(".gtitle") || {}).textContent || "untitled"})`.slice(0, 70);
    const figure = box(plot.querySelector(".main-svg") || plot);
    const texts = [...plot.querySelectorAll(TEXT)].filter(t => t.textContent.trim() && box(t).width > 0);
    for (const t of texts) {
      if (!inside(box(t), figure)) { out.push(`${name}: "${t.textContent.slice(0, 40)}" outside the figure`); }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (overlap(box(texts[i]), box(texts[j]))) {
          out.push(`${name}: "${texts[i].textContent.slice(0, 30)}" over "${texts[j].textContent.slice(0, 30)}"`);
        }
      }
    }
    const legend = plot.querySelector(".legend"), area = plot.querySelector(".nsewdrag");
    if (legend && area && overlap(box(legend), box(area))) { out.push(`${name}: the legend lies over the plot`); }
  });
  document.querySelectorAll("td, th").forEach(c => {
    if (c.offsetParent && c.scrollWidth > c.clientWidth + 1) { out.push(`table cell "${c.textContent.trim().slice(0, 30)}" overflows`); }
  });
  const page = document.scrollingElement;
  if (page.scrollWidth > innerWidth + 1) { out.push(`the page scrolls sideways: ${page.scrollWidth} px in ${innerWidth}`); }
  return out;
}
