// xr/xr_result.h — names and meanings of OpenXR results, and the one check every OpenXR call
// goes through.
//
//   XrResult r = xrCreateInstance(&info, &instance);
//   if (!wv::xr::check(r, "xrCreateInstance")) return ...;   // logs "xrCreateInstance: XR_ERROR_..."
#pragma once

#include <openxr/openxr.h>

#include <string>

namespace wv::xr {

// "XR_ERROR_RUNTIME_UNAVAILABLE", or "XrResult(-123)" for values this loader does not know.
std::string result_name(XrResult result);

// What a user should make of a result, e.g. for XR_ERROR_RUNTIME_UNAVAILABLE: "no OpenXR runtime
// is active: install and start one, e.g. Monado or SteamVR". Empty when there is nothing to add.
std::string result_advice(XrResult result);

// True on success (including qualified successes such as XR_SESSION_LOSS_PENDING); otherwise
// logs "<call>: <name>" as a warning and returns false.
bool check(XrResult result, const char* call);

}  // namespace wv::xr
