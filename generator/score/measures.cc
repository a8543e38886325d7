#include "score/measures.h"

namespace creditgen::score {

namespace {

// A reported figure's value; nullopt when not reported (or, with
// missing_zero, 0).
std::optional<double> figure_value(const model::Figure* f, bool missing_zero) {
  if (f) return f->value;
  if (missing_zero) return 0.0;
  return std::nullopt;
}
std::optional<double> figure(const MonthUnit& unit, const std::string& name, bool missing_zero) {
  const model::Figure* f = nullptr;
  if (unit.figures)
    if (auto it = unit.figures->find(name); it != unit.figures->end()) f = &it->second;
  return figure_value(f, missing_zero);
}

MeasureValue missing() { return {std::nullopt, Flag::missing}; }
MeasureValue no_value() { return {std::nullopt, Flag::no_value}; }
MeasureValue value(double v) { return {v, Flag::none}; }

MeasureValue divide(double num, std::optional<double> den) {
  if (!den) return missing();
  if (*den == 0) return no_value();
  return value(num / *den);
}

}  // namespace

MonthUnit month_unit(const model::Content& content, const model::Month& month, const std::string& id) {
  auto figures = month.figures.find(id);
  const model::Unit* unit = content.unit(id);
  return {unit ? &unit->id : &id, unit, month.unit(id), figures == month.figures.end() ? nullptr : &figures->second};
}

MeasureValue measure_value(const MeasureContext& ctx, const model::Measure& m, bool missing_zero,
                           const MonthUnit& unit) {
  const model::Month& month = ctx.month;
  const model::UnitMonth* um = unit.folder;
  auto tally = [&]() -> const ItemTally& {
    const ItemTally* known = unit.tallies[static_cast<size_t>(m.window)];
    return known ? *known : ctx.tallies.of(m.window, *unit.id);
  };
  switch (m.kind) {
    case model::MeasureKind::count: return value(tally().count(m.count_of));
    case model::MeasureKind::sum_ledger: return value(tally().ledger_sum());
    case model::MeasureKind::uscc_errors: {
      double n = 0;
      if (um) n += um->uscc.bad_codes + um->uscc.duplicate_codes;
      if (auto f = figure(unit, "uscc_errors_reported", false)) n += *f;
      return value(n);
    }
    case model::MeasureKind::incidents_unhandled: {
      double n = 0;
      if (um)
        for (auto& i : um->incidents)
          if (i.valid && i.handling != model::Handling::proactive) ++n;
      return value(n);
    }
    case model::MeasureKind::objections_worst_days: {
      // All this month's objections, 有效 or not; invalid entries never count.
      std::optional<double> worst;
      if (um)
        for (auto& o : um->objections)
          if (o.valid) {
            double d = ctx.content.calendar.working_days_between(o.received, o.completed);
            if (!worst || d > *worst) worst = d;
          }
      // No objections: no value but nothing is wrong either (outputs.md: no flag).
      return {worst, Flag::none};
    }
    case model::MeasureKind::metric: {
      auto f = figure(unit, m.metric, missing_zero);
      return f ? value(*f) : missing();
    }
    case model::MeasureKind::ratio: {
      auto den = figure(unit, m.denominator, missing_zero);
      if (m.numerator_counts_objections) {
        double n = 0;
        if (um)
          for (auto& o : um->objections)
            if (o.valid && o.valid_objection) ++n;
        return divide(n, den);
      }
      double num = 0;
      bool any = false;
      for (auto& name : m.numerators)
        if (auto f = figure(unit, name, missing_zero)) {
          num += *f;
          any = true;
        }
      if (!any) return missing();
      return divide(num, den);
    }
    case model::MeasureKind::share: {
      auto own = figure(unit, m.metric, missing_zero);
      if (!own) return missing();
      const std::string key = m.metric + '\n' + (missing_zero ? '1' : '0');
      auto known = ctx.peer_sums.find(key);
      if (known == ctx.peer_sums.end()) {
        double sum = 0;
        for (const MonthUnit* p : ctx.peers)
          if (auto f = figure(*p, m.metric, missing_zero)) sum += *f;
        known = ctx.peer_sums.emplace(key, sum).first;
      }
      const double sum = known->second;
      return value(sum == 0 ? 0 : *own / sum);
    }
    case model::MeasureKind::growth: {
      auto now = figure(unit, m.metric, missing_zero);
      const model::Month* prev = ctx.content.month(month.month.previous());
      // No previous month folder at all, or a unit not yet monitored last
      // month (active_from): the growth is undefined rather than unreported.
      if (!prev || (unit.unit && !unit.unit->active_in(prev->month))) return now ? no_value() : missing();
      auto before = figure_value(prev->figure(*unit.id, m.metric), missing_zero);
      if (!now || !before) return missing();
      if (*before == 0) return no_value();
      return value((*now - *before) / *before);
    }
  }
  return no_value();
}

}  // namespace creditgen::score
