#include "model/eval/contact_checks.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "model/eval/object_tracks.h"
#include "model/toyworld/simulator.h"

namespace wv::eval {
namespace {

using toyworld::FrameProbe;

// Slower approaches are drift (a ball rolling to rest against a wall, the probe's wobble);
// toyworld launches objects at up to 0.8 room units per second.
constexpr double kMinApproach = 0.25;  // room units per second
// An approach is a case when contact is at most this many frames away at its speed.
constexpr int32_t kTouchFrames = 2;
// Frames after the contact in which the rebound has to show.
constexpr int32_t kReboundFrames = 8;
// A rebound shows once the object is this far back from the closest it came to the wall: clear
// of the probe's wobble (about 2 pixels at 64×64). Approaches that the prompt's world would send
// back less than twice as far are no case (soft walls, strong gravity into the floor).
constexpr double kMinRise = 0.03;  // room units

struct Vec {
  double x = 0.0, y = 0.0;
};
double dot(Vec a, Vec b) { return a.x * b.x + a.y * b.y; }
Vec velocity(const ObjectTrack& t, int32_t frame) {
  const TrackPoint v = t.velocity_px(frame);
  return {v.x, v.y};
}

// The push of the prompt's gravity and wind on a medium object, pixels per frame².
Vec push_px(const toyworld::Scene& scene, double px_per_unit, double fps) {
  const toyworld::Push p = toyworld::push_on_medium(scene.gravity, scene.wind);
  const double scale = px_per_unit / (fps * fps);
  return {p.x * scale, p.y * scale};
}

struct Wall {
  Vec toward;  // unit vector from the room into the wall
  // Pixels between the object's edge (of a disc of its area) and the wall.
  double gap(const TrackPoint& p, double width, double height) const {
    if (toward.x < 0) return p.x - p.radius;
    if (toward.x > 0) return width - p.x - p.radius;
    if (toward.y < 0) return p.y - p.radius;
    return height - p.y - p.radius;
  }
  // Position along the wall.
  double along(const TrackPoint& p) const { return toward.x != 0 ? p.y : p.x; }
};
constexpr Wall kWalls[] = {{{-1, 0}}, {{1, 0}}, {{0, -1}}, {{0, 1}}};

// How far back from a wall an object leaving it at `speed` gets within the rebound frames while
// the push `a` (toward the wall, px/frame²) decelerates it: its farthest point, pixels.
double rebound_px(double speed, double a) {
  double best = 0.0;
  for (int32_t t = 1; t <= kReboundFrames; ++t) best = std::max(best, speed * t - 0.5 * a * t * t);
  return best;
}

// Touching within kTouchFrames at this closing speed (a pixel for the probe's rounding)?
bool about_to_touch(double gap_px, double speed_px) { return gap_px <= kTouchFrames * speed_px + 1.0; }

// The probe reads touching objects of one color as one, so a track that ends beside an object
// of its color merged with it: what followed cannot be seen, and the case is dropped.
bool merged_into_same_color(const ObjectTrack& t, const FrameProbe& next, double width, double height) {
  const TrackPoint& last = t.points.back();
  for (const auto& o : next.objects) {
    const TrackPoint q = point_of(o, width, height);
    if (o.color == t.color && std::hypot(q.x - last.x, q.y - last.y) < last.radius + q.radius + 2.0) return true;
  }
  return false;
}

// Another object between this one and the wall: it stops this one short of the wall.
bool blocked(const Wall& wall, const TrackPoint& p, const FrameProbe& probe, double width, double height) {
  for (const auto& o : probe.objects) {
    const TrackPoint q = point_of(o, width, height);
    if (std::hypot(q.x - p.x, q.y - p.y) < 1e-6) continue;  // itself
    if (std::abs(wall.along(q) - wall.along(p)) < q.radius + p.radius && wall.gap(q, width, height) < wall.gap(p, width, height))
      return true;
  }
  return false;
}

struct Frames {
  std::span<const FrameProbe> probes;
  double width = 0.0, height = 0.0;
  int32_t count() const { return int32_t(probes.size()); }
};

// Whether the tracks `ts` show what `shows(g)` asks at some frame g in [from, to]; nullopt when
// a track merged into a same-colored object before it could.
template <typename Shows>
std::optional<bool> shown_within(const Frames& fr, std::initializer_list<const ObjectTrack*> ts, int32_t from,
                                 int32_t to, Shows shows) {
  for (int32_t g = from; g <= to; ++g) {
    for (const ObjectTrack* t : ts)
      if (!t->covers(g)) {
        if (g < fr.count() && merged_into_same_color(*t, fr.probes[size_t(g)], fr.width, fr.height)) return std::nullopt;
        return false;  // vanished: through a wall, or gone
      }
    if (shows(g)) return true;
  }
  return false;
}

void find_bounces(const Frames& fr, const ObjectTrack& t, double min_speed, double min_rise, double e, Vec push,
                  std::vector<ContactCase>& out) {
  for (const Wall& wall : kWalls) {
    for (int32_t f = t.first_frame + 2; t.covers(f); ++f) {
      const TrackPoint& p = t.at(f);
      const double speed = dot(velocity(t, f), wall.toward);
      const double gap = wall.gap(p, fr.width, fr.height);
      if (speed < min_speed || !about_to_touch(gap, speed)) continue;
      const double rise = rebound_px(e * speed, dot(push, wall.toward));
      const int32_t last = f + kTouchFrames + kReboundFrames;
      if (rise < 2.0 * min_rise || last >= fr.count() || blocked(wall, p, fr.probes[size_t(f)], fr.width, fr.height)) continue;
      // Back off the wall, measured from the closest it came. Less than the rebound predicted:
      // other objects, a corner or the wall's friction may take some of it.
      double closest = gap;
      const std::optional<bool> shown = shown_within(fr, {&t}, f + 1, last, [&](int32_t g) {
        const double now = wall.gap(t.at(g), fr.width, fr.height);
        closest = std::min(closest, now);
        return now - closest >= min_rise;
      });
      if (shown) out.push_back({f, *shown});
      f = last;  // one case per approach
    }
  }
}

void find_collisions(const Frames& fr, const std::vector<ObjectTrack>& tracks, double min_speed, double e,
                     std::vector<ContactCase>& out) {
  std::vector<std::vector<size_t>> moving(size_t(fr.count()));  // tracks with a velocity at a frame
  for (size_t i = 0; i < tracks.size(); ++i)
    for (int32_t f = tracks[i].first_frame + 2; tracks[i].covers(f); ++f) moving[size_t(f)].push_back(i);
  std::map<std::pair<size_t, size_t>, int32_t> busy_until;  // one case per approach of a pair
  for (int32_t f = 2; f + kTouchFrames + kReboundFrames < fr.count(); ++f) {
    const std::vector<size_t>& now = moving[size_t(f)];
    for (size_t m = 0; m < now.size(); ++m)
      for (size_t n = m + 1; n < now.size(); ++n) {
        const ObjectTrack &a = tracks[now[m]], &b = tracks[now[n]];
        if (a.color == b.color) continue;  // they would merge in the probe where they touch
        int32_t& busy = busy_until[{now[m], now[n]}];
        if (f < busy) continue;
        const Vec va = velocity(a, f), vb = velocity(b, f);
        const Vec apart{b.at(f).x - a.at(f).x, b.at(f).y - a.at(f).y};
        const double distance = std::hypot(apart.x, apart.y);
        if (distance <= 0.0) continue;
        const Vec line{apart.x / distance, apart.y / distance};
        const double closing = -dot({vb.x - va.x, vb.y - va.y}, line);
        auto gap_at = [&](int32_t g) {
          return std::hypot(b.at(g).x - a.at(g).x, b.at(g).y - a.at(g).y) - a.at(g).radius - b.at(g).radius;
        };
        if (closing < min_speed || !about_to_touch(gap_at(f), closing)) continue;
        // They must touch (or overlap) soon: objects passing close by are no case. Edges are
        // taken from discs of the objects' areas; a box's corner reaches a little farther.
        const double touching = 1.0 + 0.1 * (a.at(f).radius + b.at(f).radius);
        bool touched = false;
        for (int32_t g = f; g <= f + kTouchFrames + 1 && a.covers(g) && b.covers(g); ++g) touched |= gap_at(g) <= touching;
        const int32_t last = f + kTouchFrames + kReboundFrames;
        busy = last + 1;
        if (!touched) continue;
        // A collision changes their relative velocity by (1 + e) times the closing speed along
        // the contact (e: restitution); passing through each other changes nothing.
        const Vec rel{vb.x - va.x, vb.y - va.y};
        const std::optional<bool> shown = shown_within(fr, {&a, &b}, f + 2, last, [&](int32_t g) {
          if (!a.covers(g - 2) || !b.covers(g - 2)) return false;
          const Vec ua = velocity(a, g), ub = velocity(b, g);
          return std::hypot(ub.x - ua.x - rel.x, ub.y - ua.y - rel.y) >= 0.5 * (1.0 + e) * closing;
        });
        if (shown) out.push_back({f, *shown});
      }
  }
}

}  // namespace

ContactCases find_contacts(std::span<const FrameProbe> probes, const toyworld::Scene& scene, int32_t width_px,
                           int32_t height_px, double fps) {
  ContactCases cases;
  const double px_per_unit = double(std::min(width_px, height_px));
  const double min_speed = kMinApproach * px_per_unit / fps, min_rise = kMinRise * px_per_unit;
  const double e = toyworld::restitution(scene.walls);
  const Frames fr{probes, double(width_px), double(height_px)};
  const std::vector<ObjectTrack> tracks = track_objects(probes, width_px, height_px);
  for (const ObjectTrack& t : tracks) find_bounces(fr, t, min_speed, min_rise, e, push_px(scene, px_per_unit, fps), cases.bounces);
  find_collisions(fr, tracks, min_speed, e, cases.collisions);
  std::sort(cases.bounces.begin(), cases.bounces.end(),
            [](const ContactCase& a, const ContactCase& b) { return a.frame < b.frame; });
  return cases;
}

}  // namespace wv::eval
