#include "load/markdown_items.h"

#include <limits>

#include "base/number.h"
#include "base/text.h"
#include "load/front_matter.h"
#include "load/placeholders.h"
#include "load/source_file.h"

namespace creditgen::load {

namespace {

const std::vector<std::string> kThemes = {"进社区", "进企业", "进校园", "进医院", "进村居", "进机关", "进商圈", "其他"};

std::string month_zh(YearMonth m) { return std::to_string(m.year) + "年" + std::to_string(m.month) + "月"; }

std::string file_name_of(const std::string& rel) {
  size_t slash = rel.rfind('/');
  return slash == std::string::npos ? rel : rel.substr(slash + 1);
}

std::string slug_of(const std::string& rel) {
  std::string name = file_name_of(rel);
  if (name.size() > 3 && ascii_lower(name.substr(name.size() - 3)) == ".md") name.resize(name.size() - 3);
  return name;
}

/// What every Markdown item shares once its file is read and split.
struct Parsed {
  std::optional<SourceText> src;
  FrontMatter fm;
  std::optional<YamlFile> yaml;
  bool ok = false;  ///< front matter parsed into a mapping
};

Parsed parse_item(const SourceTree& tree, const ItemFile& f, const SharedPath& shown, Diagnostics& diags) {
  Parsed p;
  auto text = read_source(tree, f.file, shown, diags);
  if (!text) return p;
  p.src.emplace(std::move(*text), shown);
  auto fm = split_front_matter(p.src->text(), shown, diags);
  if (!fm) return p;
  p.fm = std::move(*fm);
  p.yaml = YamlFile::parse(p.fm.yaml, shown, p.fm.yaml_line_offset, diags);
  if (!p.yaml) return p;
  const YAML::Node& root = p.yaml->root();
  if (root.IsNull() || !root.IsDefined()) {
    diags.error({shown, 1, 1}, "front-matter", "YAML 头部为空：两行 --- 之间应写明 title、date、submitted 等字段");
    return p;
  }
  if (!expect_map(*p.yaml, root, "YAML 头部", diags)) return p;
  p.ok = true;
  return p;
}

void check_body(const Parsed& p, const std::string& shown, std::string_view title, size_t title_offset,
                std::string_view what_zh, std::string_view placeholder, AttachmentChecker& attachments,
                const TextScanner& scanner, Diagnostics& diags, std::string& body_out, int& body_line_out) {
  const SourceText& src = *p.src;
  body_out = p.fm.body;
  body_line_out = p.fm.body_line;
  if (trim(p.fm.body).empty())
    diags.error({shown, p.fm.close_line, 1}, "missing-field", "正文为空：YAML 头部结束的 --- 之后应写" + std::string(what_zh) + "正文");
  if (const size_t at = p.fm.body.find(placeholder); at != std::string::npos)
    diags.error(src.at(p.fm.body_offset + at), "placeholder",
                "正文中仍有 creditgen new 写入的提示文字“" + std::string(placeholder) + "”：请删除它，写上" +
                    std::string(what_zh) + "正文");
  for (auto& [target, off] : markdown_link_targets(p.fm.body))
    attachments.check_body_link(target, src.at(p.fm.body_offset + off), diags);
  // Every front-matter value is shown on the item's page, so all are scanned for PII.
  scan_scalars(p.yaml->root(), src, p.fm.yaml_line_offset, scanner, diags);
  if (!title.empty()) scanner.sensitive(title, src, title_offset, "标题", diags);
  scanner.pii(p.fm.body, src, p.fm.body_offset, diags);
  scanner.sensitive(p.fm.body, src, p.fm.body_offset, "正文", diags);
}

/// Lateness from the end (24:00) of `day` plus `hours`.
void check_late(const DateTime& submitted, Date day, int hours, const Location& at, std::string_view after_zh,
                bool& late, double& late_hours, Diagnostics& diags) {
  DateTime day_end{day.plus_days(1), 0, 0, 0};
  double after = static_cast<double>(submitted.wall_seconds() - day_end.wall_seconds()) / 3600.0;
  if (after <= hours) return;
  late = true;
  late_hours = after - hours;
  diags.warning(at, "late",
                std::string(after_zh) + " " + format_rounded(after, 1) + " 小时才报送，超过 " + std::to_string(hours) +
                    " 小时时限");
}

}  // namespace

size_t node_offset(const SourceText& src, const YAML::Node& node, int line_offset) {
  YAML::Mark m = node.Mark();
  if (m.line < 0) return 0;
  return src.offset(m.line + line_offset, m.column);
}

namespace {
// YAML aliases can make a cycle (`a: &x [*x]`) or an exponential fan-out, so
// the walk is bounded in depth and in nodes visited.
void scan_bounded(const YAML::Node& n, const SourceText& src, int line_offset, const TextScanner& scanner,
                  Diagnostics& diags, int depth, int& budget) {
  if (depth > 32 || --budget < 0) return;
  if (n.IsScalar()) {
    scanner.pii(n.Scalar(), src, node_offset(src, n, line_offset), diags);
  } else if (n.IsSequence()) {
    for (const auto& item : n) scan_bounded(item, src, line_offset, scanner, diags, depth + 1, budget);
  } else if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it)
      scan_bounded(it->second, src, line_offset, scanner, diags, depth + 1, budget);
  }
}
}  // namespace

void scan_scalars(const YAML::Node& n, const SourceText& src, int line_offset, const TextScanner& scanner,
                  Diagnostics& diags) {
  int budget = 10000;
  scan_bounded(n, src, line_offset, scanner, diags, 0, budget);
}

bool check_in_month(Date d, YearMonth month, const Location& where, std::string_view field_zh, Diagnostics& diags) {
  if (d.year_month() == month) return true;
  diags.error(where, "date-outside-month",
              std::string(field_zh) + "“" + d.str() + "”不在本月（" + month_zh(month) + "）内：应填写 " + month.str() +
                  " 的日期，或放到对应月份的文件夹中报送");
  return false;
}

std::vector<std::pair<std::string, Location>> list_with_positions(MapReader& r, const YamlFile& file,
                                                                  std::string_view key, bool required) {
  std::vector<std::pair<std::string, Location>> out;
  auto values = r.text_list(key, required);
  if (!values) return out;
  YAML::Node n = r.node(key);
  if (n.IsSequence()) {
    for (size_t i = 0; i < values->size() && i < n.size(); ++i) out.emplace_back((*values)[i], file.at(n[i]));
  } else {
    out.emplace_back(values->front(), file.at(n));
  }
  return out;
}

std::vector<std::pair<std::string, size_t>> markdown_link_targets(std::string_view body) {
  std::vector<std::pair<std::string, size_t>> out;
  // Inline links and images: "](" then the destination.
  for (size_t p = body.find("]("); p != std::string_view::npos; p = body.find("](", p + 2)) {
    size_t i = p + 2;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    if (i >= body.size()) break;
    size_t start = i;
    if (body[i] == '<') {
      size_t close = body.find('>', i);
      if (close == std::string_view::npos) continue;
      out.emplace_back(std::string(body.substr(i + 1, close - i - 1)), i + 1);
      continue;
    }
    int depth = 0;
    while (i < body.size()) {
      char c = body[i];
      if (c == ' ' || c == '\t' || c == '\n') break;
      if (c == '(') ++depth;
      if (c == ')') {
        if (depth == 0) break;
        --depth;
      }
      ++i;
    }
    if (i > start) out.emplace_back(std::string(body.substr(start, i - start)), start);
  }
  // Reference definitions: "[label]: destination" at the start of a line.
  size_t line = 0;
  while (line < body.size()) {
    size_t eol = body.find('\n', line);
    std::string_view l = body.substr(line, eol == std::string_view::npos ? std::string_view::npos : eol - line);
    size_t i = 0;
    while (i < l.size() && i < 3 && l[i] == ' ') ++i;
    if (i < l.size() && l[i] == '[') {
      size_t close = l.find("]:", i);
      if (close != std::string_view::npos) {
        size_t s = close + 2;
        while (s < l.size() && (l[s] == ' ' || l[s] == '\t')) ++s;
        size_t e = s;
        while (e < l.size() && l[e] != ' ' && l[e] != '\t') ++e;
        if (e > s) {
          std::string_view t = l.substr(s, e - s);
          if (t.size() >= 2 && t.front() == '<' && t.back() == '>') out.emplace_back(std::string(t.substr(1, t.size() - 2)), line + s + 1);
          else out.emplace_back(std::string(t), line + s);
        }
      }
    }
    if (eol == std::string_view::npos) break;
    line = eol + 1;
  }
  return out;
}

model::NewsItem load_news_item(const UnitFolderContext& ctx, const ItemFile& f, AttachmentChecker& attachments,
                               const TextScanner& scanner, Diagnostics& diags) {
  Diagnostics local;
  model::NewsItem item;
  const SharedPath shown = shown_path(ctx.shown_dir, f.rel);  // one copy for the item's every Location
  item.unit = ctx.unit;
  item.month = ctx.month;
  item.key = ctx.unit + "/" + f.rel;  // a path: compared as written (month.cc normalize_review_key)
  item.slug = slug_of(f.rel);
  item.where = {shown, 1, 1};
  Parsed p = parse_item(*ctx.tree, f, shown, local);
  if (p.ok) {
    const YamlFile& y = *p.yaml;
    MapReader r(y, y.root(), local);
    size_t title_offset = 0;
    if (auto t = r.text("title", true)) {
      item.title = *t;
      title_offset = node_offset(*p.src, r.node("title"), p.fm.yaml_line_offset);
    }
    auto date = r.date("date", true);
    if (auto d = date) {
      item.date = *d;
      check_in_month(*d, ctx.month, r.at("date"), "信用动态日期 date", local);
    }
    auto submitted = r.date_time("submitted", true);
    if (submitted) item.submitted = *submitted;
    if (auto a = r.text("author", false)) item.author = *a;
    if (auto tags = r.text_list("tags", false)) item.tags = *tags;
    for (auto& [path, where] : list_with_positions(r, y, "attachments", false))
      item.attachments.push_back(attachments.check(path, where, AttachmentKind::any, local));
    if (submitted && date && submitted->date < item.date)
      r.bad_value("submitted", "报送时间“" + submitted->str() + "”早于事件日期“" + item.date.str() +
                                   "”：信用动态应在事件发生后报送，请核对 date 和 submitted");
    if (submitted && date) {
      int hours = ctx.site ? ctx.site->deadlines.news_hours : 48;
      check_late(*submitted, item.date, hours, r.at("submitted"), "信用动态在发生当天结束后", item.late, item.late_hours,
                 local);
    }
    r.finish();
    check_body(p, shown, item.title, title_offset, "信用动态", kNewsBodyPlaceholder, attachments, scanner, local,
               item.body, item.body_line);
  }
  item.valid = !local.has_errors();
  diags.append(local);
  return item;
}

model::CampaignItem load_campaign_item(const UnitFolderContext& ctx, const ItemFile& f,
                                       AttachmentChecker& attachments, const TextScanner& scanner,
                                       Diagnostics& diags) {
  Diagnostics local;
  model::CampaignItem item;
  const SharedPath shown = shown_path(ctx.shown_dir, f.rel);  // one copy for the item's every Location
  item.unit = ctx.unit;
  item.month = ctx.month;
  item.key = ctx.unit + "/" + f.rel;  // a path: compared as written (month.cc normalize_review_key)
  item.slug = slug_of(f.rel);
  item.where = {shown, 1, 1};
  Parsed p = parse_item(*ctx.tree, f, shown, local);
  if (p.ok) {
    const YamlFile& y = *p.yaml;
    MapReader r(y, y.root(), local);
    size_t title_offset = 0;
    if (auto t = r.text("title", true)) {
      item.title = *t;
      title_offset = node_offset(*p.src, r.node("title"), p.fm.yaml_line_offset);
    }
    auto start = r.date("start", true);
    if (start) item.start = *start;
    auto end = r.date("end", true);
    if (end) {
      item.end = *end;
      // A campaign may start in an earlier month; only its end decides the month.
      check_in_month(*end, ctx.month, r.at("end"), "活动结束日期 end", local);
      if (start && *end < *start)
        r.bad_value("end", "活动结束日期“" + end->str() + "”早于开始日期“" + start->str() + "”，end 应不早于 start");
    }
    auto submitted = r.date_time("submitted", true);
    if (submitted) item.submitted = *submitted;
    if (auto v = r.text("location", true)) item.location = *v;
    if (auto v = r.choice("theme", true, kThemes)) item.theme = *v;
    if (auto v = r.text("occasion", false)) item.occasion = *v;
    if (auto v = r.integer("participants", false, 0, std::numeric_limits<long long>::max())) item.participants = *v;
    for (auto& [path, where] : list_with_positions(r, y, "photos", true))
      item.photos.push_back(attachments.check(path, where, AttachmentKind::image, local));
    if (auto plan = r.text("plan", false)) {
      item.plan = attachments.check(*plan, r.at("plan"), AttachmentKind::any, local);
    } else if (!r.has("plan")) {
      local.warning(r.where(), "recommended-field",
                    "建议填写活动方案“plan”（如 plan: files/活动方案.pdf）：活动方案是诚信宣传活动的重要佐证");
    }
    if (submitted && start && (!end || !(*end < *start)) && submitted->date < item.start)
      r.bad_value("submitted", "报送时间“" + submitted->str() + "”早于活动开始日期“" + item.start.str() +
                                   "”：活动应在开始后报送，请核对 start 和 submitted");
    if (submitted && end) {
      int hours = ctx.site ? ctx.site->deadlines.campaign_hours : 48;
      check_late(*submitted, *end, hours, r.at("submitted"), "活动结束后", item.late, item.late_hours, local);
    }
    r.finish();
    check_body(p, shown, item.title, title_offset, "活动总结", kCampaignBodyPlaceholder, attachments, scanner, local,
               item.body, item.body_line);
  }
  item.valid = !local.has_errors();
  diags.append(local);
  return item;
}

}  // namespace creditgen::load
