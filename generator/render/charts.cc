#include "render/charts.h"

#include <algorithm>
#include <sstream>

#include "base/number.h"
#include "base/text.h"
#include "render/paths.h"

namespace creditgen::render {

namespace {

std::string num(double v) { return format_rounded(v, 1); }

// About how wide `text` is in the charts' 12 px type: a CJK character is a
// full em, anything else a little over half. Labels are placed with room for
// this much, so none is cut off at the picture's edge at any width.
double text_width(const std::string& text) {
  double w = 0;
  for (char32_t c : to_code_points(text)) w += c >= 0x2E80 ? 12 : 7;
  return w;
}

std::string open_svg(double width, double height, const std::string& title, const std::string& id) {
  std::ostringstream s;
  s << "<svg class=\"chart\" viewBox=\"0 0 " << num(width) << ' ' << num(height)
    << "\" width=\"100%\" role=\"img\" aria-labelledby=\"" << id << "\"><title id=\"" << id << "\">"
    << escape_html(title) << "</title>";
  return s.str();
}

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::vector<Bar>& bars, double max) {
  double label_w = 120;
  for (const Bar& b : bars) label_w = std::max(label_w, text_width(b.label) + 16);
  const double bar_w = 420, value_w = 70, row_h = 26, top = 8;
  const double width = label_w + bar_w + value_w, height = top * 2 + row_h * std::max<size_t>(bars.size(), 1);
  if (max <= 0) max = 100;
  std::ostringstream s;
  s << open_svg(width, height, title, "chart-bars");
  // Grid lines at 0, 25, 50, 75, 100 % of max.
  for (int i = 0; i <= 4; ++i) {
    const double x = label_w + bar_w * i / 4;
    s << "<line class=\"grid\" x1=\"" << num(x) << "\" y1=\"" << num(top) << "\" x2=\"" << num(x) << "\" y2=\""
      << num(height - top) << "\"/>";
  }
  for (size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row_h * static_cast<double>(i);
    const double w = bar_w * std::clamp(bars[i].value / max, 0.0, 1.0);
    s << "<g><text class=\"label\" x=\"" << num(label_w - 8) << "\" y=\"" << num(y + row_h * 0.68)
      << "\" text-anchor=\"end\">" << escape_html(bars[i].label) << "</text>"
      << "<rect class=\"bar\" x=\"" << num(label_w) << "\" y=\"" << num(y + 4) << "\" width=\"" << num(w)
      << "\" height=\"" << num(row_h - 8) << "\"/>"
      << "<text class=\"value\" x=\"" << num(label_w + w + 6) << "\" y=\"" << num(y + row_h * 0.68) << "\">"
      << format_fixed(bars[i].value, 2) << "</text></g>";
  }
  s << "</svg>";
  return s.str();
}

std::string line_chart_svg(const std::string& title, const std::vector<HistoryPoint>& points, double max) {
  // The month labels are centred under their points: the first and last need
  // half their width (and the rank line below) inside the picture.
  double half_label = 0;
  for (const HistoryPoint& p : points) half_label = std::max(half_label, text_width(p.label) / 2);
  const double left = std::max(40.0, half_label + 6), right = std::max(24.0, half_label + 6);
  const double top = 24, plot_h = 180, bottom = 48;
  const double step = std::max(80.0, 2 * half_label + 12);
  const double width = left + right + step * std::max<double>(static_cast<double>(points.size()) - 1, 1);
  const double height = top + plot_h + bottom;
  if (max <= 0) max = 100;
  auto x_of = [&](size_t i) { return left + step * static_cast<double>(i); };
  auto y_of = [&](double v) { return top + plot_h * (1 - std::clamp(v / max, 0.0, 1.0)); };

  std::ostringstream s;
  s << open_svg(width, height, title, "chart-history");
  for (int i = 0; i <= 4; ++i) {
    const double v = max * i / 4, y = y_of(v);
    s << "<line class=\"grid\" x1=\"" << num(left) << "\" y1=\"" << num(y) << "\" x2=\"" << num(width - right)
      << "\" y2=\"" << num(y) << "\"/><text class=\"axis\" x=\"" << num(left - 6) << "\" y=\"" << num(y + 4)
      << "\" text-anchor=\"end\">" << num(v) << "</text>";
  }
  // The line breaks where a month has no score.
  std::string path;
  bool pen_down = false;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].score) {
      pen_down = false;
      continue;
    }
    path += (pen_down ? " L" : " M") + num(x_of(i)) + " " + num(y_of(*points[i].score));
    pen_down = true;
  }
  if (!path.empty()) s << "<path class=\"line\" d=\"" << path.substr(1) << "\"/>";
  for (size_t i = 0; i < points.size(); ++i) {
    const double x = x_of(i);
    s << "<g>";
    if (points[i].score) {
      const double y = y_of(*points[i].score);
      s << "<circle class=\"dot\" cx=\"" << num(x) << "\" cy=\"" << num(y) << "\" r=\"4\"/>"
        << "<text class=\"value\" x=\"" << num(x) << "\" y=\"" << num(y - 9) << "\" text-anchor=\"middle\">"
        << format_fixed(*points[i].score, 2) << "</text>";
    }
    s << "<text class=\"axis\" x=\"" << num(x) << "\" y=\"" << num(top + plot_h + 18) << "\" text-anchor=\"middle\">"
      << escape_html(points[i].label) << "</text>";
    if (points[i].rank)
      s << "<text class=\"rank\" x=\"" << num(x) << "\" y=\"" << num(top + plot_h + 36)
        << "\" text-anchor=\"middle\">第 " << *points[i].rank << " 名</text>";
    s << "</g>";
  }
  s << "</svg>";
  return s.str();
}

}  // namespace creditgen::render
