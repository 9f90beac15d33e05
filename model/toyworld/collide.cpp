#include "model/toyworld/collide.h"

#include <cmath>

namespace wv::toyworld {

namespace {

constexpr double kWallFriction = 1.5;  // per second, on the velocity along a touched wall

double mass_of(const Body& b) {
  // Area in room units²: the heavier object moves less in a collision.
  return b.shape == Shape::Ball ? 3.14159265358979 * b.extent * b.extent
                                : 4.0 * b.extent * b.extent;
}

double clamp(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

struct Contact {
  double nx = 0.0, ny = 0.0;  // unit normal from a to b
  double depth = 0.0;         // overlap along the normal; <= 0: no contact
};

Contact ball_ball(const Body& a, const Body& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double reach = a.extent + b.extent;
  const double d2 = dx * dx + dy * dy;
  if (d2 >= reach * reach) return {};
  const double d = std::sqrt(d2);
  if (d < 1e-12) return {1.0, 0.0, reach};  // same center: separate sideways
  return {dx / d, dy / d, reach - d};
}

Contact box_box(const Body& a, const Body& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double reach = a.extent + b.extent;
  const double ox = reach - std::fabs(dx), oy = reach - std::fabs(dy);
  if (ox <= 0.0 || oy <= 0.0) return {};
  if (ox < oy) return {dx < 0.0 ? -1.0 : 1.0, 0.0, ox};
  return {0.0, dy < 0.0 ? -1.0 : 1.0, oy};
}

// Normal from the box toward the ball.
Contact box_ball(const Body& box, const Body& ball) {
  const double cx = clamp(ball.x, box.x - box.extent, box.x + box.extent);
  const double cy = clamp(ball.y, box.y - box.extent, box.y + box.extent);
  const double dx = ball.x - cx, dy = ball.y - cy;
  const double d2 = dx * dx + dy * dy;
  if (d2 > 0.0) {
    if (d2 >= ball.extent * ball.extent) return {};
    const double d = std::sqrt(d2);
    return {dx / d, dy / d, ball.extent - d};
  }
  // Center inside the box: leave through the nearest face.
  const double px = box.extent - std::fabs(ball.x - box.x);
  const double py = box.extent - std::fabs(ball.y - box.y);
  if (px < py) return {ball.x < box.x ? -1.0 : 1.0, 0.0, px + ball.extent};
  return {0.0, ball.y < box.y ? -1.0 : 1.0, py + ball.extent};
}

Contact contact(const Body& a, const Body& b) {
  if (a.shape == Shape::Ball && b.shape == Shape::Ball) return ball_ball(a, b);
  if (a.shape == Shape::Box && b.shape == Shape::Box) return box_box(a, b);
  if (a.shape == Shape::Box) return box_ball(a, b);
  Contact c = box_ball(b, a);
  c.nx = -c.nx;
  c.ny = -c.ny;
  return c;
}

void resolve(Body& a, Body& b, const Contact& c, double restitution) {
  const double ia = 1.0 / mass_of(a), ib = 1.0 / mass_of(b);
  const double share_a = ia / (ia + ib), share_b = ib / (ia + ib);
  a.x -= c.nx * c.depth * share_a;
  a.y -= c.ny * c.depth * share_a;
  b.x += c.nx * c.depth * share_b;
  b.y += c.ny * c.depth * share_b;
  const double closing = (b.vx - a.vx) * c.nx + (b.vy - a.vy) * c.ny;
  if (closing >= 0.0) return;  // already separating
  const double e = -closing < kRestSpeed ? 0.0 : restitution;
  const double j = -(1.0 + e) * closing / (ia + ib);
  a.vx -= j * ia * c.nx;
  a.vy -= j * ia * c.ny;
  b.vx += j * ib * c.nx;
  b.vy += j * ib * c.ny;
}

}  // namespace

void collide_with_walls(Body& body, double room_width, double room_height, double restitution,
                        double h_s) {
  const double e = body.extent;
  const double slide_keep = 1.0 - kWallFriction * h_s;
  auto bounce = [&](double& v) { v = std::fabs(v) < kRestSpeed ? 0.0 : -v * restitution; };
  bool touch_x = false, touch_y = false;
  if (body.x - e <= 0.0) {
    body.x = e;
    if (body.vx < 0.0) bounce(body.vx);
    touch_x = true;
  } else if (body.x + e >= room_width) {
    body.x = room_width - e;
    if (body.vx > 0.0) bounce(body.vx);
    touch_x = true;
  }
  if (body.y - e <= 0.0) {
    body.y = e;
    if (body.vy < 0.0) bounce(body.vy);
    touch_y = true;
  } else if (body.y + e >= room_height) {
    body.y = room_height - e;
    if (body.vy > 0.0) bounce(body.vy);
    touch_y = true;
  }
  if (touch_x) body.vy *= slide_keep;
  if (touch_y) body.vx *= slide_keep;
}

void collide_bodies(std::vector<Body>& bodies, double restitution) {
  for (size_t i = 0; i < bodies.size(); ++i) {
    for (size_t j = i + 1; j < bodies.size(); ++j) {
      const Contact c = contact(bodies[i], bodies[j]);
      if (c.depth > 0.0) resolve(bodies[i], bodies[j], c, restitution);
    }
  }
}

}  // namespace wv::toyworld
