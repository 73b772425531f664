// Render every chart of the page with the vega-embed bundle the site serves itself.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".report-chart-canvas").forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById(canvas.id + "-spec").textContent);
    window.vegaEmbed(canvas, spec, { renderer: "svg", actions: false }).catch(function (error) {
      canvas.textContent = "This chart could not be drawn: " + error;
      console.error(error);
    });
  });
});
