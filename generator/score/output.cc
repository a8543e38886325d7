// scores.json, scores.csv (outputs.md) and the terminal table.
#include <sstream>

#include "base/json.h"
#include "base/number.h"
#include "base/text.h"
#include "score/methods.h"
#include "score/score.h"

namespace creditgen::score {

namespace {

std::string num(double v) { return format_rounded(v, 4); }

std::string json_string(std::string_view s) { return json_quoted(s); }

std::string unit_name(const model::Content& content, const std::string& id) {
  const model::Unit* u = content.unit(id);
  return u ? u->name : id;
}

const model::Unit* unit_of(const model::Content& content, const std::string& id) { return content.unit(id); }

// A text cell (a unit's name, a row id). One that starts like a formula
// (= + - @, a tab or a carriage return) would be run by Excel or WPS: it
// gets a leading apostrophe, as OWASP's CSV-injection advice says, which
// the spreadsheet shows as text. Numbers never come here.
std::string csv_field(const std::string& text) {
  const bool formula_like = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  const std::string s = formula_like ? "'" + text : text;
  if (!formula_like && s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string pad(const std::string& s, size_t width, bool right) {
  size_t w = display_width(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

std::string scores_json(const MonthScores& ms, const model::Content& content) {
  std::ostringstream o;
  o << "{\n";
  o << "  \"month\": " << json_string(ms.month.str()) << ",\n";
  o << "  \"rulebook\": " << json_string(ms.rulebook ? ms.rulebook->name : "") << ",\n";
  std::vector<model::Rulebook::RowRef> rows;
  if (ms.rulebook) rows = ms.rulebook->rows();
  if (rows.empty()) {
    o << "  \"rows\": [],\n";
  } else {
    o << "  \"rows\": [\n";
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      o << "    {\n";
      o << "      \"id\": " << json_string(r.row->id) << ",\n";
      o << "      \"indicator\": " << json_string(r.indicator->id) << ",\n";
      o << "      \"name\": " << json_string(model::Rulebook::row_name(r)) << ",\n";
      o << "      \"points\": " << num(r.row->points) << "\n";
      o << "    }" << (i + 1 < rows.size() ? "," : "") << "\n";
    }
    o << "  ],\n";
  }
  if (ms.units.empty()) {
    o << "  \"units\": []\n";
  } else {
    o << "  \"units\": [\n";
    for (size_t i = 0; i < ms.units.size(); ++i) {
      const UnitScore& u = ms.units[i];
      const model::Unit* unit = unit_of(content, u.unit);
      o << "    {\n";
      o << "      \"id\": " << json_string(u.unit) << ",\n";
      o << "      \"name\": " << json_string(unit ? unit->name : u.unit) << ",\n";
      o << "      \"type\": " << json_string(unit ? model::unit_type_id(unit->type) : "") << ",\n";
      o << "      \"rank\": " << u.rank << ",\n";
      o << "      \"score\": " << num(u.score) << ",\n";
      o << "      \"earned\": " << num(u.earned) << ",\n";
      o << "      \"applicable\": " << num(u.applicable) << ",\n";
      o << "      \"penalty\": " << num(u.penalty) << ",\n";
      if (u.rows.empty()) {
        o << "      \"rows\": {}\n";
      } else {
        o << "      \"rows\": {\n";
        for (size_t j = 0; j < u.rows.size(); ++j) {
          const RowScore& r = u.rows[j];
          o << "        " << json_string(r.row_id) << ": {\n";
          o << "          \"value\": " << (r.value ? num(*r.value) : "null") << ",\n";
          o << "          \"points\": " << num(r.points);
          if (r.flag != Flag::none) o << ",\n          \"flag\": " << json_string(flag_id(r.flag));
          o << "\n        }" << (j + 1 < u.rows.size() ? "," : "") << "\n";
        }
        o << "      }\n";
      }
      o << "    }" << (i + 1 < ms.units.size() ? "," : "") << "\n";
    }
    o << "  ]\n";
  }
  o << "}\n";
  return o.str();
}

std::string scores_csv(const MonthScores& ms, const model::Content& content) {
  std::vector<model::Rulebook::RowRef> rows;
  if (ms.rulebook) rows = ms.rulebook->rows();
  std::string out = "\xEF\xBB\xBF";
  out += "排名,单位,类型,得分,应得分,实得分,扣分";
  for (const auto& r : rows) out += "," + csv_field(r.row->id);
  out += "\r\n";
  for (const UnitScore& u : ms.units) {
    const model::Unit* unit = unit_of(content, u.unit);
    out += std::to_string(u.rank);
    out += "," + csv_field(unit ? unit->name : u.unit);
    out += "," + csv_field(unit ? model::unit_type_label(unit->type) : "");
    out += "," + num(u.score) + "," + num(u.applicable) + "," + num(u.earned) + "," + num(u.penalty);
    for (const auto& r : rows) {
      out += ",";
      if (const RowScore* rs = u.row(r.row->id)) out += num(rs->points);
    }
    out += "\r\n";
  }
  return out;
}

std::string scores_table(const MonthScores& ms, const model::Content& content) {
  std::vector<std::string> header = {"排名", "单位", "类型", "得分", "实得分", "应得分", "扣分"};
  if (ms.rulebook)
    for (const auto& g : ms.rulebook->groups) header.push_back(g.id);
  std::vector<std::vector<std::string>> lines;
  for (const UnitScore& u : ms.units) {
    const model::Unit* unit = unit_of(content, u.unit);
    std::vector<std::string> l = {std::to_string(u.rank), unit_name(content, u.unit),
                                  unit ? model::unit_type_label(unit->type) : "", show_points(u.score),
                                  show_points(u.earned), show_points(u.applicable), show_points(u.penalty)};
    for (const auto& [gid, earned] : u.group_earned) l.push_back(show_points(earned));
    if (!u.submitted) l[1] += "（未报送）";
    lines.push_back(std::move(l));
  }
  std::vector<size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& l) {
    for (size_t i = 0; i < l.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(l[i]));
  };
  measure(header);
  for (auto& l : lines) measure(l);
  // Rank and numbers align right, names and types left.
  auto render = [&](const std::vector<std::string>& l) {
    std::string s;
    for (size_t i = 0; i < l.size() && i < width.size(); ++i) {
      if (i) s += "  ";
      bool right = i == 0 || i >= 3;
      std::string cell = pad(l[i], width[i], right);
      if (i + 1 == l.size() && !right) cell = l[i];
      s += cell;
    }
    return s + "\n";
  };
  std::string out = ms.month.str() + "  " + (ms.rulebook ? ms.rulebook->name : "") + "\n";
  out += render(header);
  for (auto& l : lines) out += render(l);
  return out;
}

}  // namespace creditgen::score
