#include "model/eval/probe_checks.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "wv/result.h"

namespace wv::eval {
namespace {

using toyworld::ChangeKind;
using toyworld::FrameProbe;

// Below this many pixels per frame an object counts as still: the probe's centroids wobble by
// a fraction of a pixel with anti-aliasing.
constexpr double kStillPx = 0.3;

struct Vec {
  double x = 0.0, y = 0.0;
};

// The push of gravity and wind in force, room units per second squared.
Vec push(const toyworld::WorldState& w) {
  const toyworld::Push p = toyworld::push_on_medium(w.gravity, w.wind);
  return {p.x, p.y};
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

int count_color(const FrameProbe& p, toyworld::Color c) {
  return int(std::count_if(p.objects.begin(), p.objects.end(), [&](auto& o) { return o.color == c; }));
}

double length(Motion m) { return std::hypot(m.x, m.y); }

// First index in `after` at which `shows(i)` holds, as an EventCheck.
template <typename Pred>
EventCheck first_showing(std::span<const FrameProbe> after, size_t begin, Pred shows) {
  for (size_t i = begin; i < after.size(); ++i)
    if (shows(i)) return {EventOutcome::Reflected, int(i)};
  return {EventOutcome::NotReflected, -1};
}

EventCheck check_change(const toyworld::Change& change, const toyworld::WorldState& world,
                        std::span<const FrameProbe> recent, std::span<const FrameProbe> after, double px,
                        double fps) {
  if (after.empty() || recent.size() < 2) return {};
  const FrameProbe& before = recent.back();
  // The course things were on: their last motion per frame before the event.
  const Motion v0 = median_displacement(recent[recent.size() - 2], before);
  const double still = kStillPx * px;
  switch (change.kind) {
    case ChangeKind::Recolor: {
      const auto& who = change.who;
      const bool changes_any = std::any_of(world.bodies.begin(), world.bodies.end(), [&](const toyworld::Body& b) {
        return (!who.shape || b.shape == *who.shape) && (!who.color || b.color == *who.color) &&
               (!who.size || b.size == *who.size) && b.color != change.color;
      });
      if (!changes_any) return {};
      const int had = count_color(before, change.color);
      return first_showing(after, 0, [&](size_t i) { return count_color(after[i], change.color) > had; });
    }
    case ChangeKind::Appear: {
      if (int(world.bodies.size()) >= toyworld::kMaxLiveObjects) return {};
      return first_showing(after, 0, [&](size_t i) { return after[i].objects.size() > before.objects.size(); });
    }
    case ChangeKind::Freeze: {
      // Visible only when things were moving: judged on the world, not on the frames, so that
      // frames showing nothing fail the check instead of escaping it.
      const bool moving = std::any_of(world.bodies.begin(), world.bodies.end(), [&](const toyworld::Body& b) {
        return std::hypot(b.vx, b.vy) / fps > still;
      });
      if (world.frozen || !moving) return {};
      // Still for two frames running: a world settling on its floor is still for a moment.
      return first_showing(after, 0, [&](size_t i) {
        if (i + 2 >= after.size()) return false;
        const Motion m1 = median_displacement(after[i], after[i + 1]);
        const Motion m2 = median_displacement(after[i + 1], after[i + 2]);
        return m1.matched > 0 && m2.matched > 0 && length(m1) < still && length(m2) < still;
      });
    }
    case ChangeKind::Unfreeze: {
      if (!world.frozen) return {};
      return first_showing(after, 0, [&](size_t i) {
        return i + 1 < after.size() && length(median_displacement(after[i], after[i + 1])) >= still;
      });
    }
    case ChangeKind::SetGravity:
    case ChangeKind::FlipGravity:
    case ChangeKind::SetWind: {
      toyworld::WorldState changed = world;
      toyworld::apply_event(changed, toyworld::Event{{change}});
      const Vec a0 = push(world), a1 = push(changed);
      const Vec da{a1.x - a0.x, a1.y - a0.y};
      const double norm = std::hypot(da.x, da.y);
      if (world.frozen || norm < 0.1) return {};
      const Vec dir{da.x / norm, da.y / norm};
      // Half way from the old push to the new one along the change, and at least half the new
      // one (objects resting on a floor feel no push at all); frame fractions per frame².
      const double old_push = a0.x * dir.x + a0.y * dir.y, new_push = a1.x * dir.x + a1.y * dir.y;
      const double want = std::max(0.5 * (old_push + new_push), 0.5 * new_push) / (fps * fps);
      if (want <= 0.0) return {};
      // How far things are off the course their last velocity set: ½·a·t² after t frames.
      // Over many frames this outgrows the probe's sub-pixel wobble, which a frame-to-frame
      // acceleration would not. A still picture is never off course by moving.
      return first_showing(after, 3, [&](size_t n) {
        const Motion moved = median_displacement(before, after[n]);
        const double t = double(n + 1);
        const Vec off{moved.x - t * v0.x, moved.y - t * v0.y};
        const double along = off.x * dir.x + off.y * dir.y;
        return moved.matched > 0 && length(moved) > px && along > 0.5 * want * t * t && along > px;
      });
    }
    case ChangeKind::SetWalls: return {};
  }
  return {};
}

}  // namespace

PromptMatch match_prompt(const FrameProbe& seen, const toyworld::Scene& scene) {
  std::vector<toyworld::Color> want, got;
  for (const auto& o : scene.objects) want.push_back(o.color);
  for (const auto& o : seen.objects) got.push_back(o.color);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  return {.count = want.size() == got.size(),
          .colors = want == got,
          .background = seen.background == scene.background};
}

Motion median_displacement(const FrameProbe& from, const FrameProbe& to) {
  constexpr double kMaxMatch = 0.15;  // farther than this between frames is another object
  std::vector<double> dx, dy;
  std::vector<bool> taken(to.objects.size(), false);
  for (const auto& a : from.objects) {
    double best = kMaxMatch;
    int pick = -1;
    for (size_t j = 0; j < to.objects.size(); ++j) {
      const auto& b = to.objects[j];
      const double d = std::hypot(b.x - a.x, b.y - a.y);
      if (!taken[j] && b.color == a.color && d < best) best = d, pick = int(j);
    }
    if (pick < 0) continue;
    taken[size_t(pick)] = true;
    dx.push_back(to.objects[size_t(pick)].x - a.x);
    dy.push_back(to.objects[size_t(pick)].y - a.y);
  }
  if (dx.empty()) return {};
  return {.x = median(dx), .y = median(dy), .matched = int(dx.size())};
}

EventCheck check_event(const toyworld::Event& event, const toyworld::WorldState& world_before,
                       std::span<const FrameProbe> recent, std::span<const FrameProbe> after, int side_px,
                       double fps) {
  const double px = 1.0 / double(std::max(side_px, 1));
  EventCheck all;
  toyworld::WorldState world = world_before;
  for (const auto& change : event.changes) {
    const EventCheck c = check_change(change, world, recent, after, px, fps);
    toyworld::apply_event(world, toyworld::Event{{change}});
    if (c.outcome == EventOutcome::NotCheckable) continue;
    if (c.outcome == EventOutcome::NotReflected) return c;
    all = {EventOutcome::Reflected, std::max(all.frames_until, c.frames_until)};
  }
  return all;
}

double psnr(const Frame& a, const Frame& b) {
  WV_ASSERT(a.width == b.width && a.height == b.height);
  double sum = 0.0;
  for (int32_t y = 0; y < a.height; ++y)
    for (int32_t x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double d = double(a.row(y)[4 * x + c]) - double(b.row(y)[4 * x + c]);
        sum += d * d;
      }
  const double mse = sum / (3.0 * double(a.width) * double(a.height));
  if (mse == 0.0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace wv::eval
