// SVG charts drawn at build time: no script or chart library is needed to
// read them. Each has a <title> and text labels, so screen readers and print
// show the same numbers as the tables next to them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace creditgen::render {

struct Bar {
  std::string label;  ///< unit name
  double value = 0;   ///< score
};

/// Horizontal bars, one per unit, in the given order, scaled to `max`.
std::string bar_chart_svg(const std::string& title, const std::vector<Bar>& bars, double max);

struct HistoryPoint {
  std::string label;             ///< "2022-05"
  std::optional<double> score;   ///< none: not scored that month
  std::optional<int> rank;
};

/// A unit's score across months as a line, each point labelled with its
/// score and rank (第 N 名).
std::string line_chart_svg(const std::string& title, const std::vector<HistoryPoint>& points, double max);

}  // namespace creditgen::render
