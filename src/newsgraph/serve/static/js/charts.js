// Charts and the map with Observable Plot. Data comes from JSON data islands
// (<script type="application/json">), never from inline code; the atlas is a same-origin file.
"use strict";

function readIsland(id) {
  const element = document.getElementById(id);
  if (!element) return [];
  try {
    return JSON.parse(element.textContent);
  } catch (error) {
    return [];
  }
}

// Plot adds a <style> element to each chart; the CSP refuses inline styles, so the
// same rules live in newsgraph.css and the element is dropped before insertion.
// Plot labels its <g> groups and shapes with aria-label but gives them no role, which ARIA
// does not allow on generic elements: they get the role the label describes.
function place(figure, chart) {
  for (const style of chart.querySelectorAll("style")) style.remove();
  for (const labelled of chart.querySelectorAll("[aria-label]:not([role]):not(svg):not(a)")) {
    labelled.setAttribute("role", labelled.tagName.toLowerCase() === "g" ? "group" : "img");
  }
  for (const old of figure.querySelectorAll(".plot-output")) old.remove();
  const holder = document.createElement("div");
  holder.className = "plot-output";
  holder.append(chart);
  figure.insertBefore(holder, figure.querySelector("figcaption"));
}

// Periods of the entity timeline: weeks start on Monday, as on the server.
const INTERVALS = {day: "day", week: "monday", month: "month"};
// Fewest periods a time axis shows, so that one or two bars do not fill the whole width.
const FEWEST_PERIODS = 8;

// The x domain for bars of `interval` periods: Plot's own when the rows span enough
// periods, else the rows' periods centred in FEWEST_PERIODS of them.
function timeDomain(rows, interval) {
  const step = {day: d3.utcDay, monday: d3.utcMonday, month: d3.utcMonth}[interval];
  if (!rows.length || !step) return undefined;
  const first = d3.min(rows, (row) => row.date);
  const end = step.offset(d3.max(rows, (row) => row.date), 1);
  const spanned = step.count(first, end);
  if (spanned >= FEWEST_PERIODS) return undefined;
  const before = Math.floor((FEWEST_PERIODS - spanned) / 2);
  return [step.offset(first, -before), step.offset(end, FEWEST_PERIODS - spanned - before)];
}

function periodDate(period) {
  return new Date(period.length === 7 ? period + "-01T00:00:00Z" : period + "T00:00:00Z");
}

function attention(figure) {
  const rows = readIsland(figure.dataset.source).map((row) => ({...row, date: periodDate(row.period)}));
  const form = figure.parentElement.querySelector("form");
  const choice = form && form.querySelector(".js-only");
  if (choice) choice.hidden = false;
  const draw = () => {
    const checked = form && form.querySelector('input[name="measure"]:checked');
    const measure = checked ? checked.value : "articles";
    const share = measure === "share";
    const interval = INTERVALS[figure.dataset.by] || "monday";
    place(figure, Plot.plot({
      width: Math.min(figure.clientWidth || 720, 960),
      height: 260,
      marginLeft: 48,
      y: {grid: true, label: share ? "Share of all articles" : "Articles naming it",
          percent: share, zero: true},
      x: {type: "utc", label: null, domain: timeDomain(rows, interval)},
      marks: [
        Plot.ruleY([0]),
        Plot.rectY(rows, {x: "date", interval, y: measure,
                          fill: "#1d4ed8", title: (d) => `${d.period}: ${d[measure]}`}),
      ],
      ariaLabel: share ? "Share of all articles over time" : "Articles naming it over time",
    }));
  };
  if (form) {
    for (const input of form.querySelectorAll('input[name="measure"]')) {
      input.addEventListener("change", draw);
    }
  }
  draw();
}

function quotesByMonth(figure) {
  const rows = readIsland(figure.dataset.source).map((row) => ({...row, date: periodDate(row.period)}));
  if (!rows.length) return;
  place(figure, Plot.plot({
    width: Math.min(figure.clientWidth || 720, 960),
    height: 200,
    y: {grid: true, label: "Quotes", zero: true},
    x: {type: "utc", label: null, domain: timeDomain(rows, "month")},
    marks: [Plot.ruleY([0]), Plot.rectY(rows, {x: "date", interval: "month", y: "quotes", fill: "#7c2d12"})],
    ariaLabel: "Quotes per month",
  }));
}

async function worldMap(figure) {
  const places = readIsland(figure.dataset.source);
  const response = await fetch(figure.dataset.atlas, {credentials: "same-origin"});
  if (!response.ok) return;
  const world = await response.json();
  const countries = topojson.feature(world, world.objects.countries);
  place(figure, Plot.plot({
    width: Math.min(figure.clientWidth || 900, 1100),
    projection: "equal-earth",
    r: {range: [3, 18]},
    marks: [
      Plot.sphere({fill: "#eef4fb", stroke: "#6b7280"}),
      Plot.geo(countries, {fill: "#e5e7eb", stroke: "#9ca3af", strokeWidth: 0.5}),
      Plot.dot(places, {
        x: "lon", y: "lat", r: "articles", fill: "#b91c1c", fillOpacity: 0.75, stroke: "#fff",
        title: (d) => `${d.name}: ${d.articles} article${d.articles === 1 ? "" : "s"}`,
        href: (d) => "/map?place=" + encodeURIComponent(d.name) + "#place-articles",
        ariaLabel: (d) => d.name,
      }),
    ],
    ariaLabel: "World map of the places named in the news",
  }));
}

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Plot === "undefined") return;
  for (const figure of document.querySelectorAll("figure[data-chart]")) {
    const kind = figure.dataset.chart;
    if (kind === "attention") attention(figure);
    else if (kind === "quotes-by-month") quotesByMonth(figure);
    else if (kind === "map" && typeof topojson !== "undefined") worldMap(figure);
  }
});
