// What a window holds, as the other side of a join (or an on-demand query of a named window)
// sees it, and the Findable that searches it.
//
// Every window says which of its rows a join finds: for the sliding windows (length, time,
// timeLength, externalTime, expression, sort, the frequency windows, session) the rows they
// hold; for the batch windows (lengthBatch, timeBatch, externalTimeBatch, batch, cron,
// expressionBatch) the last batch they emitted, which the next one expires (with streamCurrent,
// the rows of the running batch, which were emitted as they came); for delay the rows still
// held back, as Siddhi. Siddhi's lengthBatch keeps every batch it ever emitted for a join whose
// query takes no expired events; we keep the last one.
#pragma once

#include <vector>

#include "runtime/join/findable.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class WindowContent {
 public:
  virtual ~WindowContent() = default;
  // Appends views of the rows a join finds in the window whose state this is, oldest first. They
  // stay valid until the window next processes something.
  virtual void heldRows(const OperatorState& state, std::vector<EventRow>& out) const = 0;
};

// A window's content as a join side: the rows of the window's state in the frame the search
// runs in (a query's own window), or in the app's frame (a named window, which every query
// shares).
class WindowSource final : public Findable {
 public:
  WindowSource(const StatefulOperator& window, const WindowContent& content, bool appWide)
      : window_(window), content_(content), appWide_(appWide) {}

  void find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
            size_t limit) const override;

 private:
  const StatefulOperator& window_;
  const WindowContent& content_;
  bool appWide_;
};

// The side of a join that has no window: it triggers, but holds nothing to be found.
class NothingHeld final : public Findable {
 public:
  void find(ExecContext&, const FindPlan&, FindScope&, std::vector<EventRow>&, size_t) const override {}
  bool holdsRows() const override { return false; }
};

}  // namespace cepheus::runtime
