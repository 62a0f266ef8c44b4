#include "plan/plan_trigger.h"

#include "runtime/trigger/trigger.h"

namespace cepheus::plan {

void buildTrigger(const analyze::TriggerModel& model, runtime::AppRuntime& app) {
  using Kind = analyze::TriggerModel::Kind;
  runtime::Trigger::Kind kind = model.kind == Kind::Start      ? runtime::Trigger::Kind::Start
                                : model.kind == Kind::Periodic ? runtime::Trigger::Kind::Periodic
                                                               : runtime::Trigger::Kind::Cron;
  std::optional<CronSchedule> cron;
  if (kind == runtime::Trigger::Kind::Cron) {
    std::string why;
    cron = CronSchedule::parse(model.cron, why);  // the analyzer checked it
  }
  auto* trigger = app.add(std::make_unique<runtime::Trigger>(model.name, kind, model.periodMs, std::move(cron),
                                                             *app.junctions[static_cast<size_t>(model.stream)]));
  app.triggers.push_back(trigger);
  runtime::StateElement element;
  element.identity = "trigger " + model.name;
  element.description = "trigger '" + model.name + "'";
  element.layout = trigger->stateLayout();
  element.operators = {trigger};
  app.addElement(std::move(element));
}

}  // namespace cepheus::plan
