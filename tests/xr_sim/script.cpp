#include "script.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace wv::xr_sim {
namespace {

XrPosef standing_head() {
  XrPosef pose{};
  pose.orientation.w = 1.0f;
  pose.position.y = 1.6f;
  return pose;
}

// Normalized linear interpolation along the shorter arc: close enough to slerp for the small
// steps between script keys, and it keeps the quaternion unit length, which the spec requires.
XrQuaternionf nlerp(XrQuaternionf a, XrQuaternionf b, float t) {
  const float dot = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w;
  const float sign = dot < 0.0f ? -1.0f : 1.0f;
  XrQuaternionf q{a.x + (sign * b.x - a.x) * t, a.y + (sign * b.y - a.y) * t,
                  a.z + (sign * b.z - a.z) * t, a.w + (sign * b.w - a.w) * t};
  const float length = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
  return {q.x / length, q.y / length, q.z / length, q.w / length};
}

}  // namespace

bool parse_script(const std::string& text, Script& out, std::string& error) {
  Script script;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string command;
    if (!(words >> command)) continue;
    auto fail = [&](const std::string& why) {
      error = "line " + std::to_string(number) + ": " + why;
      return false;
    };
    if (command == "headset") {
      std::string state;
      if (!(words >> state) || (state != "absent" && state != "present")) {
        return fail("expected 'headset absent' or 'headset present'");
      }
      script.headset_present = state == "present";
    } else if (command == "pose") {
      ScriptedPose key;
      XrPosef& p = key.T_stage_head;
      if (!(words >> key.time_s >> p.position.x >> p.position.y >> p.position.z >>
            p.orientation.x >> p.orientation.y >> p.orientation.z >> p.orientation.w)) {
        return fail("expected 'pose TIME_S X Y Z QX QY QZ QW'");
      }
      const XrQuaternionf& q = p.orientation;
      const float length = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
      if (!(std::fabs(length - 1.0f) < 1e-3f)) return fail("the quaternion is not unit length");
      if (!script.poses.empty() && key.time_s < script.poses.back().time_s) {
        return fail("pose times must not decrease");
      }
      script.poses.push_back(key);
    } else if (command == "exit" || command == "loss") {
      double time_s = 0.0;
      if (!(words >> time_s) || time_s < 0.0) return fail("expected '" + command + " TIME_S'");
      (command == "exit" ? script.exit_at_s : script.loss_at_s) = time_s;
    } else {
      return fail("unknown command '" + command + "'");
    }
    std::string extra;
    if (words >> extra) return fail("unexpected '" + extra + "'");
  }
  out = script;
  return true;
}

bool load_script_from_environment(Script& out, std::string& error) {
  const char* path = std::getenv("WV_XR_SIM_SCRIPT");
  if (path == nullptr || *path == '\0') {
    out = Script{};
    return true;
  }
  std::ifstream file(path);
  if (!file) {
    error = std::string(path) + ": cannot be read";
    return false;
  }
  std::stringstream text;
  text << file.rdbuf();
  if (!parse_script(text.str(), out, error)) {
    error = std::string(path) + ": " + error;
    return false;
  }
  return true;
}

XrPosef head_pose_at(const Script& script, double time_s) {
  const auto& keys = script.poses;
  if (keys.empty()) return standing_head();
  if (time_s <= keys.front().time_s) return keys.front().T_stage_head;
  if (time_s >= keys.back().time_s) return keys.back().T_stage_head;
  const auto next = std::upper_bound(keys.begin(), keys.end(), time_s,
                                     [](double t, const ScriptedPose& k) { return t < k.time_s; });
  const ScriptedPose& a = *(next - 1);
  const ScriptedPose& b = *next;
  const float t = float((time_s - a.time_s) / (b.time_s - a.time_s));
  XrPosef pose;
  const XrVector3f& pa = a.T_stage_head.position;
  const XrVector3f& pb = b.T_stage_head.position;
  pose.position = {pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t, pa.z + (pb.z - pa.z) * t};
  pose.orientation = nlerp(a.T_stage_head.orientation, b.T_stage_head.orientation, t);
  return pose;
}

}  // namespace wv::xr_sim
