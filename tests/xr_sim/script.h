// tests/xr_sim/script.h — what the simulated world does, read from the file named by
// WV_XR_SIM_SCRIPT (no variable: a headset that stays still at 1.6 m and never exits).
//
//   # comments and blank lines are ignored; times are seconds of simulated display time
//   headset absent                       # xrGetSystem: XR_ERROR_FORM_FACTOR_UNAVAILABLE
//   pose 0.0  0 1.6 0   0 0 0 1          # head pose in STAGE space: position, quaternion xyzw
//   pose 1.0  0.2 1.6 0 0 0.3826834 0 0.9238795   # poses between keys are interpolated
//   exit 0.5                             # the runtime asks the session to stop and exit
//   loss 0.5                             # the session is lost
//   instance_loss 0.5 0.1                # XrEventDataInstanceLossPending at 0.5 s; from its
//                                        #   lossTime, GRACE_S later (default 0), every call but
//                                        #   the xrDestroy* ones fails with XR_ERROR_INSTANCE_LOST
//   hand right 0.0  0.3 1.4 -0.2  0 0 0 1  # a controller's aim pose in STAGE space (as pose)
//   input right trigger 0.5 1            # from 0.5 s on: trigger|squeeze|menu VALUE,
//   input left thumbstick 0.5 0.8 0      #   thumbstick X Y; held until the next line
#pragma once

#include <openxr/openxr.h>

#include <optional>
#include <string>
#include <vector>

namespace wv::xr_sim {

struct ScriptedPose {
  double time_s = 0.0;
  XrPosef T_stage_device{};  // the head or a controller
};

struct ScriptedInput {
  double time_s = 0.0;
  std::string name;  // trigger, squeeze, menu, thumbstick
  XrVector2f value{0.0f, 0.0f};
};

struct ScriptedHand {
  std::vector<ScriptedPose> poses;  // T_stage_aim; none: the controller is not tracked
  std::vector<ScriptedInput> inputs;  // sorted by time
};

struct Script {
  bool headset_present = true;
  ScriptedHand hands[2];  // left, right
  std::vector<ScriptedPose> poses;  // sorted by time
  std::optional<double> exit_at_s;
  std::optional<double> loss_at_s;
  std::optional<double> instance_loss_at_s;
  double instance_loss_grace_s = 0.0;
};

// Parses script text. On a bad line returns false with "line N: reason" in `error`.
bool parse_script(const std::string& text, Script& out, std::string& error);

// The script named by WV_XR_SIM_SCRIPT. Returns false (with the reason) when it cannot be read
// or parsed; the runtime then refuses to create an instance.
bool load_script_from_environment(Script& out, std::string& error);

// The head pose at `time_s`: held before the first key and after the last, linear in between.
XrPosef head_pose_at(const Script& script, double time_s);
// The same interpolation over a controller's keys (which must not be empty).
XrPosef pose_at(const std::vector<ScriptedPose>& keys, double time_s);
// The latest scripted value of a hand's input at `time_s`; zero before the first.
XrVector2f input_at(const ScriptedHand& hand, const std::string& name, double time_s);

}  // namespace wv::xr_sim
