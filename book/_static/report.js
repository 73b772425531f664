// The report's page script: draw the charts, and mend a few accessibility faults of the theme.
document.addEventListener("DOMContentLoaded", function () {
  // Every chart: its Vega-Lite spec sits in a JSON script beside the canvas; the vega bundle
  // is served by the site itself (no CDN).
  document.querySelectorAll(".report-chart-canvas").forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById(canvas.id + "-spec").textContent);
    window.vegaEmbed(canvas, spec, { renderer: "svg", actions: false }).then(function () {
      // The static picture painted with the page; the interactive chart now takes its place.
      var figure = canvas.closest(".report-chart");
      var picture = figure && figure.querySelector(".report-chart-static");
      if (picture) { picture.remove(); }
    }).catch(function (error) {
      canvas.textContent = "The interactive chart could not be drawn (" + error + "); the picture above shows it.";
      console.error(error);
    });
  });

  // A control whose visible text differs from its aria-label confuses speech users
  // (WCAG 2.5.3): where the theme gives a control visible text, let that text be its name.
  document.querySelectorAll(".search-button__button[aria-label], .nav-link[aria-label]").forEach(function (el) {
    if (el.textContent.trim()) { el.removeAttribute("aria-label"); }
  });
  document.querySelectorAll(".theme-switch-button[aria-label]").forEach(function (el) {
    var label = el.getAttribute("aria-label");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = label;
    el.appendChild(hidden);
    el.removeAttribute("aria-label");
  });
  // Wide tables scroll inside their own box (report.css); a box that scrolls must take keyboard
  // focus so that keyboard users can scroll it too (WCAG 2.1.1). It is named by its caption.
  // Whether a table scrolls depends on the window's width, so it is decided again on a resize
  // (a phone turned sideways, a window narrowed).
  function focusScrollingTables() {
    document.querySelectorAll("article table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth || table.scrollHeight > table.clientHeight) {
        table.tabIndex = 0;
        var caption = table.querySelector("caption");
        if (caption && !table.hasAttribute("aria-label")) { table.setAttribute("aria-label", caption.textContent.trim()); }
      }
    });
  }
  focusScrollingTables();
  window.addEventListener("resize", focusScrollingTables);
  // The bibliography's citation list claims role="list" without list items.
  document.querySelectorAll(".citation-list[role='list']").forEach(function (el) {
    el.removeAttribute("role");
  });
});
