#include "score/methods.h"

#include "score/score.h"

#include <algorithm>
#include <cmath>

#include "base/number.h"

namespace creditgen::score {

using model::MethodKind;

std::string show_number(double v) { return format_rounded(v, 4); }
std::string show_points(double v) { return format_fixed(v, 2); }
std::string show_value(double v, const model::Measure& measure) {
  switch (measure.kind) {
    case model::MeasureKind::ratio:
    case model::MeasureKind::share:
    case model::MeasureKind::growth: return format_rounded(v * 100, 2) + "%";
    default: return show_number(v);
  }
}

PeerValues::PeerValues(const std::vector<double>& values) {
  sorted_.reserve(values.size());
  for (double v : values) {
    sorted_.push_back(comparable(v));
    sum_ += v;
  }
  if (!values.empty()) {
    min_ = *std::min_element(values.begin(), values.end());
    max_ = *std::max_element(values.begin(), values.end());
  }
  std::sort(sorted_.begin(), sorted_.end());
}

int PeerValues::rank(double x, bool higher_better) const {
  const double cx = comparable(x);
  const auto better = higher_better ? sorted_.end() - std::upper_bound(sorted_.begin(), sorted_.end(), cx)
                                    : std::lower_bound(sorted_.begin(), sorted_.end(), cx) - sorted_.begin();
  return static_cast<int>(better) + 1;
}

int competition_rank(double x, const std::vector<double>& values, bool higher_better) {
  return PeerValues(values).rank(x, higher_better);
}

namespace {

struct Extremes {
  double min = 0, max = 0;
};

// The unit's own value is always among its peers'; include it so a caller
// passing an incomplete list still gets a sane range.
Extremes extremes(std::optional<double> peer_min, std::optional<double> peer_max, double x) {
  if (!peer_min || !peer_max) return {x, x};
  return {std::min(x, *peer_min), std::max(x, *peer_max)};
}
Extremes extremes(const PeerValues& peers, double x) {
  if (peers.empty()) return {x, x};
  return extremes(peers.min(), peers.max(), x);
}

// Points (and ranks) by method; describe_method says how they came about.
// Most methods give points alone.
MethodResult earned(double points) {
  MethodResult r;
  r.points = points;
  return r;
}

MethodResult proportional(double P, double x, const PeerValues& peers) {
  Extremes e = extremes(peers, x);
  if (comparable(e.max) <= 0) return {};
  return earned(P * x / e.max);
}

MethodResult min_max(double P, double F, double x, const PeerValues& peers) {
  Extremes e = extremes(peers, x);
  if (comparable(e.max) == comparable(e.min)) return earned(comparable(e.max) > 0 ? P : F);
  return earned(F + (P - F) * (x - e.min) / (e.max - e.min));
}

MethodResult inverse_min_max(double P, double F, double x, const PeerValues& peers) {
  Extremes e = extremes(peers, x);
  if (comparable(e.max) == comparable(e.min)) return earned(P);
  return earned(F + (P - F) * (e.max - x) / (e.max - e.min));
}

MethodResult lower_better_ratio(double P, double x, const PeerValues& peers) {
  if (comparable(x) == 0) return earned(P);
  return earned(P * extremes(peers, x).min / x);
}

MethodResult per_item(double P, double each, double x) { return earned(std::min(P, each * x)); }

MethodResult deduction(double P, double each, double x) { return earned(P - std::min(P, each * x)); }

// A rank given as the value (e.g. 第三方评估排名) must be a whole number ≥ 1.
std::optional<int> given_rank(double x) {
  const double c = comparable(x);
  if (c != std::floor(c) || c < 1) return std::nullopt;
  return static_cast<int>(c);
}

MethodResult rank_table(const model::Method& m, double x, const PeerValues& peers) {
  MethodResult r;
  if (m.order == model::RankOrder::given) {
    r.rank = given_rank(x);
    if (!r.rank) return r;
  } else {
    r.rank = peers.rank(x, true);
    r.ranked = static_cast<int>(peers.size());
  }
  if (*r.rank >= 1 && *r.rank <= static_cast<int>(m.table.size())) r.points = m.table[*r.rank - 1];
  return r;
}

MethodResult rank_linear(double P, double x, const PeerValues& peers) {
  MethodResult r;
  int n = static_cast<int>(peers.size());
  if (n == 0) n = 1;  // x itself has a value, so at least one peer is ranked
  int rank = peers.rank(x, true);
  r.rank = rank;
  r.ranked = n;
  r.points = P * (n - rank + 1) / n;
  return r;
}

MethodResult tiers(const model::Method& m, double x) {
  double cx = comparable(x);
  for (const auto& t : m.tiers)
    if (cx <= comparable(t.max)) return earned(t.points);
  return {};
}

}  // namespace

MethodResult score_method(const model::Method& m, double P, std::optional<double> x, const PeerValues& peer_values) {
  if (!x) return earned(m.kind == MethodKind::tiers ? m.none_points : 0);
  switch (m.kind) {
    case MethodKind::proportional: return proportional(P, *x, peer_values);
    case MethodKind::min_max: return min_max(P, m.floor, *x, peer_values);
    case MethodKind::inverse_min_max: return inverse_min_max(P, m.floor, *x, peer_values);
    case MethodKind::lower_better_ratio: return lower_better_ratio(P, *x, peer_values);
    case MethodKind::per_item: return per_item(P, m.each, *x);
    case MethodKind::deduction: return deduction(P, m.each, *x);
    case MethodKind::rank_table: return rank_table(m, *x, peer_values);
    case MethodKind::rank_linear: return rank_linear(P, *x, peer_values);
    case MethodKind::tiers: return tiers(m, *x);
  }
  return {};
}

std::string describe_method(const model::Method& m, double P, std::optional<double> x, std::optional<double> peer_min,
                            std::optional<double> peer_max, std::optional<int> rank, std::optional<int> ranked,
                            double pts) {
  if (!x) return m.kind == MethodKind::tiers ? "无数据，得 " + show_points(m.none_points) : "无数值，得 0 分";
  const Extremes e = extremes(peer_min, peer_max, *x);
  const double F = m.floor;
  switch (m.kind) {
    case MethodKind::proportional:
      if (comparable(e.max) <= 0) return "最高值 " + show_number(e.max) + " ≤ 0，各单位均得 0 分";
      return show_number(P) + " × " + show_number(*x) + " ÷ " + show_number(e.max) + " = " + show_points(pts);
    case MethodKind::min_max:
      if (comparable(e.max) == comparable(e.min))
        return "各单位数值相同（" + show_number(e.max) + "）" + (comparable(e.max) > 0 ? "，均得满分 " : "，均得 ") +
               show_points(pts);
      return show_number(F) + " + (" + show_number(P) + " − " + show_number(F) + ") × (" + show_number(*x) + " − " +
             show_number(e.min) + ") ÷ (" + show_number(e.max) + " − " + show_number(e.min) + ") = " + show_points(pts);
    case MethodKind::inverse_min_max:
      if (comparable(e.max) == comparable(e.min))
        return "各单位数值相同（" + show_number(e.max) + "），均得满分 " + show_points(P);
      return show_number(F) + " + (" + show_number(P) + " − " + show_number(F) + ") × (" + show_number(e.max) + " − " +
             show_number(*x) + ") ÷ (" + show_number(e.max) + " − " + show_number(e.min) + ") = " + show_points(pts);
    case MethodKind::lower_better_ratio:
      if (comparable(*x) == 0) return "数值为 0，得满分 " + show_points(P);
      return show_number(P) + " × " + show_number(e.min) + " ÷ " + show_number(*x) + " = " + show_points(pts);
    case MethodKind::per_item: {
      const double raw = m.each * *x;
      std::string a = show_number(m.each) + " × " + show_number(*x) + " = " + show_points(raw);
      if (raw > P) a += "，超过上限，得 " + show_points(P);
      return a;
    }
    case MethodKind::deduction:
      return show_number(P) + " − min(" + show_number(P) + ", " + show_number(m.each) + " × " + show_number(*x) +
             ") = " + show_points(pts);
    case MethodKind::rank_table:
      if (!rank) return "排名 " + show_number(*x) + " 不是有效名次，得 0 分";
      if (*rank >= 1 && *rank <= static_cast<int>(m.table.size()))
        return "第 " + std::to_string(*rank) + " 名，得 " + show_points(pts);
      return "第 " + std::to_string(*rank) + " 名，超出计分名次，得 0 分";
    case MethodKind::rank_linear: {
      const int n = ranked.value_or(1), r = rank.value_or(1);
      return show_number(P) + " × (" + std::to_string(n) + " − " + std::to_string(r) + " + 1) ÷ " +
             std::to_string(n) + " = " + show_points(pts);
    }
    case MethodKind::tiers: {
      const double cx = comparable(*x);
      for (const auto& t : m.tiers)
        if (cx <= comparable(t.max)) return show_number(*x) + " ≤ " + show_number(t.max) + "，得 " + show_points(t.points);
      return show_number(*x) + " 超过所有档次，得 0 分";
    }
  }
  return "";
}

MethodResult apply_method(const model::Method& m, double P, std::optional<double> x,
                          const std::vector<double>& peer_values) {
  return apply_method(m, P, x, PeerValues(peer_values));
}

MethodResult apply_method(const model::Method& m, double P, std::optional<double> x, const PeerValues& peer_values) {
  MethodResult r = score_method(m, P, x, peer_values);
  const bool none = peer_values.empty();
  r.arithmetic = describe_method(m, P, x, none ? std::nullopt : std::optional(peer_values.min()),
                                 none ? std::nullopt : std::optional(peer_values.max()), r.rank, r.ranked, r.points);
  return r;
}

std::string method_words(const model::Method& m, double P) {
  switch (m.kind) {
    case MethodKind::proportional: return "最高的得满分，其他的按比例计分";
    case MethodKind::min_max:
      return "最多的得满分，最少的得" + show_number(m.floor) + "分，其他的按比例计分";
    case MethodKind::inverse_min_max:
      return "最低的得满分，最高的得" + show_number(m.floor) + "分，其他的按比例计分";
    case MethodKind::lower_better_ratio: return "比例最低的得满分，其他的按比例计分";
    case MethodKind::per_item:
      return "每项得" + show_number(m.each) + "分，最多得" + show_number(P) + "分";
    case MethodKind::deduction:
      return "每项扣" + show_number(m.each) + "分，最多扣" + show_number(P) + "分";
    case MethodKind::rank_table: {
      std::string s = m.order == model::RankOrder::given ? "按给定排名计分：" : "按数值从高到低排名计分：";
      for (size_t i = 0; i < m.table.size(); ++i) {
        if (i) s += "，";
        s += "第" + std::to_string(i + 1) + "名得" + show_number(m.table[i]) + "分";
      }
      return s + "，其后不得分";
    }
    case MethodKind::rank_linear: return "按数值从高到低排名，第r名（共n名）得 满分×(n−r+1)÷n";
    case MethodKind::tiers: {
      std::string s;
      for (const auto& t : m.tiers) s += "不超过" + show_number(t.max) + "的得" + show_number(t.points) + "分，";
      return s + "其他的得0分；无数据的得" + show_number(m.none_points) + "分";
    }
  }
  return "";
}

}  // namespace creditgen::score
