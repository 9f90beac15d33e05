#include "app/play_clocks.h"

namespace wv::app {

PlayClocks::PlayClocks(const std::vector<std::string>& groups) {
  for (const std::string& group : groups) add(group, 0.0, 0.0);
}

void PlayClocks::add(const std::string& group, double source_s, double t_s) {
  size_t clock = clocks_.size();
  if (!group.empty()) clock = clock_of_group_.emplace(group, clock).first->second;
  if (clock == clocks_.size()) clocks_.push_back({.display_s = t_s, .source_s = source_s});
  clocks_[clock].members.push_back(clock_of_.size());
  clock_of_.push_back(clock);
}

double PlayClocks::position_s(size_t panel, double t_s) const { return clocks_[clock_of_[panel]].at(t_s); }

double PlayClocks::speed(size_t panel) const { return clocks_[clock_of_[panel]].speed; }

void PlayClocks::set_speed(size_t panel, double speed, double t_s) {
  Clock& clock = clocks_[clock_of_[panel]];
  clock.source_s = clock.at(t_s);
  clock.display_s = t_s;
  clock.speed = speed;
}

void PlayClocks::set_position(size_t panel, double source_s, double t_s) {
  Clock& clock = clocks_[clock_of_[panel]];
  clock.source_s = source_s;
  clock.display_s = t_s;
}

const std::vector<size_t>& PlayClocks::members(size_t panel) const { return clocks_[clock_of_[panel]].members; }

}  // namespace wv::app
