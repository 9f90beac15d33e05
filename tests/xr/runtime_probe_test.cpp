#include "xr/runtime_probe.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "xr/xr_result.h"

namespace {

TEST(XrResult, NamesKnownAndUnknownResults) {
  EXPECT_EQ(wv::xr::result_name(XR_ERROR_RUNTIME_UNAVAILABLE), "XR_ERROR_RUNTIME_UNAVAILABLE");
  EXPECT_EQ(wv::xr::result_name(XR_SUCCESS), "XR_SUCCESS");
  EXPECT_EQ(wv::xr::result_name(XrResult(-987654)), "XrResult(-987654)");
  EXPECT_NE(wv::xr::result_advice(XR_ERROR_RUNTIME_UNAVAILABLE).find("Monado"), std::string::npos);
  EXPECT_TRUE(wv::xr::check(XR_SESSION_LOSS_PENDING, "qualified success"));
  EXPECT_FALSE(wv::xr::check(XR_ERROR_VALIDATION_FAILURE, "failure"));
}

// With the runtime manifest pointing nowhere, the real loader reports no runtime and the probe
// says what to do about it.
TEST(RuntimeProbe, ReportsMissingRuntimeWithAdvice) {
  setenv("XR_RUNTIME_JSON", "/nonexistent/worldview-test-runtime.json", 1);
  const wv::xr::RuntimeProbe probe = wv::xr::probe_runtime();
  EXPECT_FALSE(probe.runtime_available);
  EXPECT_FALSE(probe.headset_available);
  EXPECT_EQ(probe.result_name, "XR_ERROR_RUNTIME_UNAVAILABLE");
  EXPECT_NE(probe.advice.find("no OpenXR runtime is active"), std::string::npos);
  EXPECT_EQ(probe.loader_api_version.rfind("1.0.", 0), 0u);
}

}  // namespace
