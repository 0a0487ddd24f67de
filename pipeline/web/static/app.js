// 考评工作台: link the indicator table and the source both ways; open and close edit rows.
(function () {
  "use strict";

  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  }

  function cellsOf(keys) {
    return keys.filter(Boolean).map(function (k) {
      return Array.prototype.slice.call(document.querySelectorAll('#source [data-cell="' + k + '"]'));
    }).reduce(function (a, b) { return a.concat(b); }, []);
  }

  function showRow(row, first) {
    clear();
    row.classList.add("hl");
    var keys = (row.dataset.cells || "").split(" ");
    var cells = cellsOf(first ? [first] : keys);
    if (first) { cellsOf(keys).forEach(function (c) { c.classList.add("hl"); }); }
    cells.forEach(function (c) { c.classList.add("hl"); });
    if (cells.length) { cells[0].scrollIntoView({ block: "center" }); }
  }

  function showCell(cell) {
    clear();
    var key = cell.dataset.cell;
    cell.classList.add("hl");
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.ind")).filter(function (r) {
      return (" " + (r.dataset.cells || "") + " ").indexOf(" " + key + " ") >= 0;
    });
    rows.forEach(function (r) { r.classList.add("hl"); });
    if (rows.length) { rows[0].scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (e) {
    var toggle = e.target.closest(".edit-toggle");
    if (toggle) {
      var row = document.getElementById(toggle.dataset.for);
      if (row) { row.hidden = !row.hidden; }
      return;
    }
    if (e.target.closest("a, button, input, select, label, form, summary")) { return; }
    var ind = e.target.closest("tr.ind");
    if (ind) { showRow(ind); return; }
    var cell = e.target.closest("#source [data-cell]");
    if (cell) { showCell(cell); }
  });

  // Arriving from a deduction or a rule (?focus=indicator&atom=n): show that row and its clause's cell.
  document.addEventListener("DOMContentLoaded", function () {
    var right = document.getElementById("right");
    if (!right || !right.dataset.focus) { return; }
    var row = document.getElementById("ind-" + right.dataset.focus);
    if (row) { showRow(row, right.dataset.mark); }
  });
})();
