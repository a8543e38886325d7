#include "model/items.h"

namespace creditgen::model {

namespace {
struct KindNames {
  ItemKind kind;
  const char* id;
  const char* label;
};
constexpr KindNames kKinds[] = {
    {ItemKind::news, "news", "信用动态"},         {ItemKind::campaign, "campaign", "诚信宣传活动"},
    {ItemKind::policy, "policy", "制度文件"},     {ItemKind::scenario, "scenario", "信易+应用场景"},
    {ItemKind::supervision, "supervision", "分级分类监管领域"}, {ItemKind::ledger, "ledger", "信用信息归集台账"},
    {ItemKind::incident, "incident", "严重失信事件"}, {ItemKind::objection, "objection", "异议处理"},
};
}  // namespace

const char* item_kind_id(ItemKind k) {
  for (auto& n : kKinds)
    if (n.kind == k) return n.id;
  return "";
}

const char* item_kind_label(ItemKind k) {
  for (auto& n : kKinds)
    if (n.kind == k) return n.label;
  return "";
}

std::optional<ItemKind> parse_item_kind(std::string_view id) {
  for (auto& n : kKinds)
    if (id == n.id) return n.kind;
  return std::nullopt;
}

const char* handling_id(Handling h) {
  switch (h) {
    case Handling::proactive: return "proactive";
    case Handling::late: return "late";
    case Handling::after_report: return "after_report";
    case Handling::ordered: return "ordered";
  }
  return "";
}

const char* handling_label(Handling h) {
  switch (h) {
    case Handling::proactive: return "主动处理";
    case Handling::late: return "处理不及时";
    case Handling::after_report: return "被举报后才处置";
    case Handling::ordered: return "被上级责令查处";
  }
  return "";
}

}  // namespace creditgen::model
