#include "runtime/windows/frequent_windows.h"

#include <cmath>

namespace cepheus::runtime {

FrequencyTable::Entry* FrequencyTable::find(const EventRow& row) {
  for (Entry& e : entries_) {
    bool same = true;
    for (size_t k = 0; k < keyIndices_.size() && same; ++k) same = e.key[k] == row.data[keyIndices_[k]];
    if (same) return &e;
  }
  return nullptr;
}

FrequencyTable::Entry& FrequencyTable::add(const EventRow& row) {
  if (spare_.empty()) {
    entries_.emplace_back();
  } else {
    entries_.push_back(std::move(spare_.back()));
    spare_.pop_back();
  }
  Entry& e = entries_.back();
  e.key.clear();
  for (int k : keyIndices_) e.key.push_back(row.data[k]);
  e.row.assign(row.data, row.data + width_);
  e.timestamp = row.timestamp;
  e.count = 0;
  e.bucket = 0;
  return e;
}

void FrequencyTable::remove(size_t i, RowBuffer& expired) {
  expired.append(entries_[i].row.data(), entries_[i].timestamp);
  spare_.push_back(std::move(entries_[i]));
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
}

FrequentWindow::FrequentWindow(size_t mostFrequent, std::vector<int> keyIndices, size_t width, const Clock* clock)
    : mostFrequent_(mostFrequent), clock_(clock), table_(std::move(keyIndices), width), expired_(width) {}

void FrequentWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    out_.rows.clear();
    expired_.clear();
    if (auto* e = table_.find(row)) {
      // The latest event of the key replaces the held one, which leaves silently (as in Siddhi).
      e->row.assign(row.data, row.data + e->row.size());
      e->timestamp = row.timestamp;
      ++e->count;
      out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
      emit(out_);
      continue;
    }
    bool kept = true;
    if (table_.size() >= mostFrequent_) {
      for (size_t i = 0; i < table_.size();) {
        if (--table_[i].count == 0) {
          table_.remove(i, expired_);
        } else {
          ++i;
        }
      }
      kept = table_.size() < mostFrequent_;
    }
    if (kept) table_.add(row).count = 1;
    expired_.addTo(out_, EventKind::Expired, arrivalTime(*clock_, row));
    if (kept) out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    emit(out_);
  }
}

LossyFrequentWindow::LossyFrequentWindow(double support, double error, std::vector<int> keyIndices, size_t width,
                                         const Clock* clock)
    : support_(support),
      error_(error),
      bucketWidth_(std::ceil(1 / error)),
      clock_(clock),
      table_(std::move(keyIndices), width),
      expired_(width) {}

void LossyFrequentWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    out_.rows.clear();
    expired_.clear();
    ++total_;
    if (total_ != 1) bucket_ = std::ceil(static_cast<double>(total_) / bucketWidth_);
    auto* e = table_.find(row);
    if (e) {
      e->row.assign(row.data, row.data + e->row.size());
      e->timestamp = row.timestamp;
      ++e->count;
    } else {
      e = &table_.add(row);
      e->count = 1;
      e->bucket = static_cast<int64_t>(bucket_) - 1;
    }
    if (static_cast<double>(e->count) >= (support_ - error_) * static_cast<double>(total_))
      out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    if (std::fmod(static_cast<double>(total_), bucketWidth_) == 0) {
      for (size_t i = 0; i < table_.size();) {
        if (static_cast<double>(table_[i].count + table_[i].bucket) <= bucket_) {
          table_.remove(i, expired_);
        } else {
          ++i;
        }
      }
    }
    expired_.addTo(out_, EventKind::Expired, arrivalTime(*clock_, row));
    emit(out_);
  }
}

}  // namespace cepheus::runtime
