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
    } else if (command == "pose" || command == "hand") {
      int hand = -1;
      if (command == "hand") {
        std::string side;
        words >> side;
        if (side != "left" && side != "right") return fail("expected 'hand left|right TIME X Y Z QX QY QZ QW'");
        hand = side == "left" ? 0 : 1;
      }
      std::vector<ScriptedPose>& keys = hand < 0 ? script.poses : script.hands[hand].poses;
      ScriptedPose key;
      XrPosef& p = key.T_stage_device;
      if (!(words >> key.time_s >> p.position.x >> p.position.y >> p.position.z >>
            p.orientation.x >> p.orientation.y >> p.orientation.z >> p.orientation.w)) {
        return fail("expected 'pose TIME_S X Y Z QX QY QZ QW'");
      }
      const XrQuaternionf& q = p.orientation;
      const float length = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
      if (!(std::fabs(length - 1.0f) < 1e-3f)) return fail("the quaternion is not unit length");
      if (!keys.empty() && key.time_s < keys.back().time_s) {
        return fail("pose times must not decrease");
      }
      keys.push_back(key);
    } else if (command == "input") {
      std::string side;
      ScriptedInput input;
      if (!(words >> side >> input.name >> input.time_s >> input.value.x) || (side != "left" && side != "right") ||
          (input.name != "trigger" && input.name != "squeeze" && input.name != "menu" &&
           input.name != "thumbstick") ||
          (input.name == "thumbstick" && !(words >> input.value.y))) {
        return fail("expected 'input left|right trigger|squeeze|menu TIME VALUE' or '... thumbstick TIME X Y'");
      }
      auto& inputs = script.hands[side == "left" ? 0 : 1].inputs;
      if (!inputs.empty() && input.time_s < inputs.back().time_s) return fail("input times must not decrease");
      inputs.push_back(input);
    } else if (command == "exit" || command == "loss") {
      double time_s = 0.0;
      if (!(words >> time_s) || time_s < 0.0) return fail("expected '" + command + " TIME_S'");
      (command == "exit" ? script.exit_at_s : script.loss_at_s) = time_s;
    } else if (command == "instance_loss") {
      double time_s = 0.0;
      if (!(words >> time_s) || time_s < 0.0) return fail("expected 'instance_loss TIME_S [GRACE_S]'");
      script.instance_loss_at_s = time_s;
      if (words >> script.instance_loss_grace_s && script.instance_loss_grace_s < 0.0)
        return fail("the grace period must not be negative");
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
  if (script.poses.empty()) return standing_head();
  return pose_at(script.poses, time_s);
}

XrVector2f input_at(const ScriptedHand& hand, const std::string& name, double time_s) {
  XrVector2f value{0.0f, 0.0f};
  for (const ScriptedInput& input : hand.inputs)
    if (input.name == name && input.time_s <= time_s) value = input.value;
  return value;
}

XrPosef pose_at(const std::vector<ScriptedPose>& keys, double time_s) {
  if (time_s <= keys.front().time_s) return keys.front().T_stage_device;
  if (time_s >= keys.back().time_s) return keys.back().T_stage_device;
  const auto next = std::upper_bound(keys.begin(), keys.end(), time_s,
                                     [](double t, const ScriptedPose& k) { return t < k.time_s; });
  const ScriptedPose& a = *(next - 1);
  const ScriptedPose& b = *next;
  const float t = float((time_s - a.time_s) / (b.time_s - a.time_s));
  XrPosef pose;
  const XrVector3f& pa = a.T_stage_device.position;
  const XrVector3f& pb = b.T_stage_device.position;
  pose.position = {pa.x + (pb.x - pa.x) * t, pa.y + (pb.y - pa.y) * t, pa.z + (pb.z - pa.z) * t};
  pose.orientation = nlerp(a.T_stage_device.orientation, b.T_stage_device.orientation, t);
  return pose;
}

}  // namespace wv::xr_sim
